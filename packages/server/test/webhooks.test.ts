import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { chatDoc, commentsDoc, mentionToken } from '@tandem/schema'
import { verifySignature } from '../src/webhooks/signature.js'
import {
  connect,
  signToken,
  startServer,
  waitFor,
  waitForAcked,
  type TestClient,
  type TestServer,
} from './support/helpers.js'

interface Received {
  delivery: string
  event: string
  body: string
  valid: boolean
  signature: string | undefined
  timestamp: string | undefined
  payload: {
    id: string
    event: string
    workspace: string
    doc: string
    data: Record<string, unknown>
  }
}

/** A real HTTP receiver on 127.0.0.1 that answers with the next status of `statuses` (then 200). */
async function receiver(statuses: number[] = []) {
  const received: Received[] = []
  let secret = ''
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      received.push({
        delivery: String(req.headers['x-tandem-delivery']),
        event: String(req.headers['x-tandem-event']),
        body,
        valid: verifySignature(secret, body, {
          signature: req.headers['x-tandem-signature'] as string | undefined,
          timestamp: req.headers['x-tandem-timestamp'] as string | undefined,
        }),
        payload: JSON.parse(body) as Received['payload'],
        signature: req.headers['x-tandem-signature'] as string | undefined,
        timestamp: req.headers['x-tandem-timestamp'] as string | undefined,
      })
      res.writeHead(statuses.shift() ?? 200).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    statuses,
    setSecret: (s: string) => (secret = s),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** Polls `read` until `done` holds for its result (bounded), then returns that result. */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 10_000
  for (;;) {
    const value = await read()
    if (done(value)) return value
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 20))
  }
}

describe('webhooks', () => {
  let srv: TestServer | undefined
  let hook: Awaited<ReturnType<typeof receiver>> | undefined
  const clients: TestClient[] = []
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy()
    await srv?.stop()
    await hook?.close()
    srv = undefined
  })
  const api = { webhookDebounceMs: 30, webhookRetryBaseMs: 50 }
  const owner = () =>
    signToken({ sub: 'own', name: 'Olga', roles: { 'workspace:main': 'owner', 'doc:*': 'editor' } })
  const call = async (path: string, token: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers)
    headers.set('authorization', `Bearer ${token}`)
    const res = await fetch(`${srv!.url}${path}`, { ...init, headers })
    return { status: res.status, body: res.status === 204 ? null : ((await res.json()) as any) } // eslint-disable-line @typescript-eslint/no-explicit-any
  }
  const register = async (token: string, body: unknown) =>
    call('/api/workspaces/main/webhooks', token, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    })
  const write = async (token: string, doc: string, text: string) => {
    const res = await call(`/api/docs/${doc}?workspace=main`, token, {
      method: 'PUT',
      body: text,
      headers: { 'content-type': 'text/plain' },
    })
    expect(res.status).toBeLessThan(300)
  }

  it('delivers signed, debounced document.updated events; retries after a 500', async () => {
    hook = await receiver([500])
    srv = await startServer({ api })
    const token = await owner()
    const created = await register(token, { url: hook.url, events: ['document.updated'] })
    expect(created.status).toBe(201)
    hook.setSecret(created.body.secret)
    await write(token, 'doc:a', 'one')
    await waitFor(() => hook!.received.length === 2, 'a failed attempt and its retry')
    const [first, retry] = hook.received
    expect(first?.delivery).toBe(retry?.delivery)
    expect(retry).toMatchObject({ event: 'document.updated', valid: true })
    expect(retry?.payload).toMatchObject({
      event: 'document.updated',
      workspace: 'main',
      doc: 'doc:a',
      data: { authors: [{ id: 'own', name: 'Olga' }] },
    })
    // A tampered body, or another secret, fails the check.
    const headers = { signature: retry!.signature, timestamp: retry!.timestamp }
    expect(verifySignature(created.body.secret, retry!.body, headers)).toBe(true)
    expect(verifySignature(created.body.secret, retry!.body + ' ', headers)).toBe(false)
    expect(verifySignature('other', retry!.body, headers)).toBe(false)

    const log = await until(
      () => call(`/api/workspaces/main/webhooks/${created.body.webhook.id}/deliveries`, token),
      (l) => l.body.deliveries[0]?.status === 'delivered',
    )
    expect(log.body.deliveries[0]).toMatchObject({
      status: 'delivered',
      attempts: 2,
      lastStatus: 200,
    })
    // Documents outside the workspace are not delivered.
    await write(token, 'doc:b', 'listed')
    await call('/api/docs/doc:outside', token, {
      method: 'PUT',
      body: 'not listed',
      headers: { 'content-type': 'text/plain' },
    })
    await waitFor(() => hook!.received.some((r) => r.payload.doc === 'doc:b'), 'doc:b delivered')
    expect(hook.received.some((r) => r.payload.doc === 'doc:outside')).toBe(false)
  })

  it('keeps the outbox across a restart: pending deliveries are sent once, delivered ones never again', async () => {
    hook = await receiver()
    // Retries 400 ms after a failure: the server below stops well within that.
    srv = await startServer({ api: { ...api, webhookRetryBaseMs: 400 } })
    const token = await owner()
    const created = await register(token, { url: hook.url })
    hook.setSecret(created.body.secret)
    await write(token, 'doc:x', 'delivered')
    await waitFor(() => hook!.received.length === 1, 'first delivery')
    const logOf = () =>
      call(`/api/workspaces/main/webhooks/${created.body.webhook.id}/deliveries`, token)
    await until(logOf, (l) => l.body.deliveries[0]?.status === 'delivered')
    // This one fails; its retry is due after the restart.
    hook.statuses.push(500)
    await write(token, 'doc:y', 'pending')
    await waitFor(() => hook!.received.length === 2, 'failed attempt')
    await until(logOf, (l) =>
      l.body.deliveries.some(
        (d: { attempts: number; payload: { doc: string } }) =>
          d.payload.doc === 'doc:y' && d.attempts >= 1,
      ),
    )
    const dataDir = srv.dataDir
    await srv.stop({ keepData: true })
    srv = await startServer({ dataDir, api })
    await waitFor(
      () => hook!.received.length === 3,
      'the retry, from the outbox, after the restart',
    )
    await write(token, 'doc:z', 'after restart')
    await waitFor(() => hook!.received.some((r) => r.payload.doc === 'doc:z'), 'a new event')
    const log = await until(logOf, (l) =>
      l.body.deliveries.every((d: { status: string }) => d.status === 'delivered'),
    )
    expect(
      log.body.deliveries.map((d: { payload: { doc: string }; attempts: number }) => [
        d.payload.doc,
        d.attempts,
      ]),
    ).toEqual([
      ['doc:z', 1],
      ['doc:y', 2],
      ['doc:x', 1],
    ])
    // Every delivery reached the receiver once (the failed attempt of doc:y aside).
    const docs = hook.received.map((r) => r.payload.doc)
    expect(docs).toEqual(['doc:x', 'doc:y', 'doc:y', 'doc:z'])
    expect(hook.received.every((r) => r.valid)).toBe(true)
  })

  it('delivers one signed mention per person named in a comment or chat message', async () => {
    hook = await receiver()
    srv = await startServer({ api })
    const token = await owner()
    const created = await register(token, { url: hook.url, events: ['mention'] })
    expect(created.status).toBe(201)
    hook.setSecret(created.body.secret)
    await write(token, 'doc:plan', 'listed in main')
    const open = async (name: string): Promise<TestClient> => {
      const c = connect(srv!.wsUrl, name, await signToken({ sub: 'ada', name: 'Ada' }))
      clients.push(c)
      await waitFor(() => c.provider.isSynced, `ada on ${name}`)
      return c
    }
    const ada = { id: 'ada', name: 'Ada' }
    const comments = await open('comments:plan')
    const text = new Y.Doc().getText('t')
    text.insert(0, 'anchored')
    const thread = commentsDoc(comments.doc).createThread({
      anchor: {
        start: Y.createRelativePositionFromTypeIndex(text, 0),
        end: Y.createRelativePositionFromTypeIndex(text, 8, -1),
      },
      quote: 'anchored',
      author: ada,
      body: `over to ${mentionToken('bob')}`,
    })
    await waitForAcked(comments)
    await waitFor(() => hook!.received.length === 1, 'the comment mention')
    expect(hook.received[0]).toMatchObject({ event: 'mention', valid: true })
    expect(hook.received[0]?.payload).toMatchObject({
      event: 'mention',
      workspace: 'main',
      doc: 'comments:plan',
      data: {
        recipient: 'bob',
        actor: ada,
        target: { doc: 'comments:plan', threadId: thread.id, commentId: thread.comments[0]!.id },
        excerpt: `over to ${mentionToken('bob')}`,
      },
    })

    // A restart rescans recent comments for notifications: that writes no second mention event.
    for (const c of clients.splice(0)) c.destroy()
    const dataDir = srv.dataDir
    await srv.stop({ keepData: true })
    srv = await startServer({ dataDir, api })
    await open('comments:plan')
    const chat = await open('chat:plan')
    const message = chatDoc(chat.doc).send({ author: ada, body: `${mentionToken('cy')} lunch?` })
    await waitFor(() => hook!.received.length >= 2, 'the chat mention')
    expect(hook.received[1]?.payload).toMatchObject({
      doc: 'chat:plan',
      data: { recipient: 'cy', target: { doc: 'chat:plan', messageId: message.id } },
    })
    // An edit that keeps the mention tells nobody again; a later message is the next event.
    chatDoc(chat.doc).edit(message.id, 'ada', `${mentionToken('cy')} lunch at one?`)
    chatDoc(chat.doc).send({ author: ada, body: `and ${mentionToken('dan')}` })
    await waitFor(() => hook!.received.length >= 3, 'the second chat mention')
    const logOf = () =>
      call(`/api/workspaces/main/webhooks/${created.body.webhook.id}/deliveries`, token)
    const log = await until(logOf, (l) =>
      l.body.deliveries.every((d: { status: string }) => d.status === 'delivered'),
    )
    expect(log.body.deliveries).toHaveLength(3)
    expect(hook.received.map((r) => r.payload.data.recipient).sort()).toEqual(['bob', 'cy', 'dan'])
  })

  it('only owners manage webhooks; bad registrations are refused', async () => {
    srv = await startServer({ api })
    const token = await owner()
    const editor = await signToken({ sub: 'ed', roles: { 'workspace:main': 'editor' } })
    expect((await register(editor, { url: 'http://127.0.0.1:1/x' })).status).toBe(403)
    expect((await call('/api/workspaces/main/webhooks', editor)).status).toBe(403)
    for (const body of [
      [],
      {},
      { url: 'ftp://example.com' },
      { url: 'not a url' },
      { url: 'http://user:pw@127.0.0.1/' },
      { url: 'http://127.0.0.1/', events: [] },
      { url: 'http://127.0.0.1/', events: ['nope'] },
      { url: 'http://127.0.0.1/', events: ['mention', 'mentions'] },
    ]) {
      const res = await register(token, body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.error.code).toBe('bad-request')
    }
    const ok = await register(token, { url: 'http://127.0.0.1:1/x', events: ['version.created'] })
    expect(ok.status).toBe(201)
    const list = await call('/api/workspaces/main/webhooks', token)
    expect(list.body.webhooks).toEqual([
      expect.objectContaining({ url: 'http://127.0.0.1:1/x', events: ['version.created'] }),
    ])
    expect(JSON.stringify(list.body)).not.toContain(ok.body.secret)
    expect(
      (await call(`/api/workspaces/main/webhooks/nope`, token, { method: 'DELETE' })).status,
    ).toBe(404)
    expect(
      (
        await call(`/api/workspaces/main/webhooks/${ok.body.webhook.id}`, token, {
          method: 'DELETE',
        })
      ).status,
    ).toBe(204)
    expect((await call('/api/workspaces/main/webhooks', token)).body.webhooks).toEqual([])
  })
})
