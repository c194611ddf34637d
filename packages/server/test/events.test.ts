import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { chatDoc, mentionToken } from '@tandem/schema'
import {
  connect,
  signToken,
  startServer,
  waitFor,
  type TestClient,
  type TestServer,
} from './support/helpers.js'
import { openStream, type SseStream } from './support/sse.js'

describe('Server-Sent Events (/api/events)', () => {
  let srv: TestServer | undefined
  let token: string
  const streams: SseStream[] = []
  const clients: TestClient[] = []
  beforeAll(async () => {
    token = await signToken({
      sub: 'ann',
      name: 'Ann',
      roles: { '*': 'editor', 'doc:secret': 'viewer' },
    })
  })
  afterEach(async () => {
    for (const s of streams.splice(0)) s.close()
    for (const c of clients.splice(0)) c.destroy()
    await srv?.stop()
    srv = undefined
  })
  const start = async (api: Record<string, number> = {}): Promise<TestServer> => {
    srv = await startServer({ api: { eventDebounceMs: 20, ...api } })
    return srv
  }
  const stream = async (
    query: string,
    headers: Record<string, string> = {},
  ): Promise<SseStream> => {
    const s = await openStream(`${srv!.url}/api/events?${query}`, {
      authorization: `Bearer ${token}`,
      ...headers,
    })
    streams.push(s)
    return s
  }
  const write = async (doc: string, text: string): Promise<void> => {
    const res = await fetch(`${srv!.url}/api/docs/${doc}`, {
      method: 'PUT',
      body: text,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' },
    })
    expect(res.status).toBeLessThan(300)
  }
  const updates = (s: SseStream): string[] =>
    s.events.filter((e) => e.event === 'document-updated').map((e) => e.id as string)

  it('streams debounced document-updated events with authors and presence counts', async () => {
    await start()
    const s = await stream('docs=doc:a,doc:b')
    expect(s.status).toBe(200)
    await write('doc:a', 'one')
    await waitFor(() => updates(s).length === 1, 'first event')
    expect(s.events.find((e) => e.event === 'document-updated')).toMatchObject({
      event: 'document-updated',
      data: { doc: 'doc:a', authors: [{ id: 'ann', name: 'Ann' }] },
    })
    await write('doc:other', 'not subscribed')
    const client = connect(srv!.wsUrl, 'doc:b', token)
    clients.push(client)
    client.provider.setAwarenessField('user', { id: 'ann', name: 'Ann', color: '#123456' })
    await waitFor(() => s.events.some((e) => e.event === 'presence-count'), 'presence')
    expect(s.events.find((e) => e.event === 'presence-count')?.data).toEqual({
      doc: 'doc:b',
      count: 1,
    })
    expect(s.events.every((e) => (e.data as { doc: string }).doc !== 'doc:other')).toBe(true)
    const ids = s.events.map((e) => Number(e.id))
    expect([...ids].sort((x, y) => x - y)).toEqual(ids)
  })

  it('replays exactly the missed events, in order, after Last-Event-ID', async () => {
    await start()
    const observer = await stream('docs=doc:r')
    const first = await stream('docs=doc:r')
    // Each write without an open client makes two events: document-updated, and the
    // version-created of the automatic version cut when the document unloads.
    await write('doc:r', 'seen')
    await waitFor(() => first.events.length === 2 && observer.events.length === 2, 'seen events')
    const lastSeen = first.events.at(-1)!.id as string
    first.close()
    for (const [i, text] of ['m1', 'm2', 'm3'].entries()) {
      await write('doc:r', text)
      await waitFor(() => observer.events.length === 2 * (i + 2), `missed events ${i}`)
    }
    const missed = observer.events.slice(2).map((e) => e.id)
    expect(new Set(observer.events.slice(2).map((e) => e.event))).toEqual(
      new Set(['document-updated', 'version-created']),
    )
    const again = await stream('docs=doc:r', { 'last-event-id': lastSeen })
    await waitFor(() => again.events.length === missed.length, 'replay')
    expect(again.events.map((e) => e.id)).toEqual(missed)
    // And live events follow the replay.
    await write('doc:r', 'live')
    await waitFor(() => again.events.length === missed.length + 2, 'live after replay')
    expect(again.events.map((e) => e.id)).toEqual(observer.events.slice(2).map((e) => e.id))
  })

  it('sends comment and chat events to subscribers of the document', async () => {
    await start()
    const s = await stream('docs=doc:c')
    const comments = connect(srv!.wsUrl, 'comments:c', token)
    const chat = connect(srv!.wsUrl, 'chat:c', token)
    clients.push(comments, chat)
    await waitFor(() => comments.provider.isSynced && chat.provider.isSynced, 'sync')
    comments.doc.getMap('threads').set('t1', 'first comment')
    chat.doc.getArray('messages').push(['hello'])
    await waitFor(() => s.events.length >= 2, 'comment and chat events')
    expect(s.events.map((e) => [e.event, (e.data as { doc: string }).doc]).sort()).toEqual([
      ['chat', 'chat:c'],
      ['comment', 'comments:c'],
    ])
  })

  it('sends a mention event when someone is named in a chat message, once', async () => {
    await start()
    const s = await stream('docs=doc:m')
    const chat = connect(srv!.wsUrl, 'chat:m', token)
    clients.push(chat)
    await waitFor(() => chat.provider.isSynced, 'sync')
    const message = chatDoc(chat.doc).send({
      author: { id: 'ann', name: 'Ann' },
      body: `hi ${mentionToken('bo')}`,
    })
    // Someone else's name as author (client-written data) notifies nobody and is no event.
    chatDoc(chat.doc).send({ author: { id: 'eve', name: 'Eve' }, body: mentionToken('bo') })
    chatDoc(chat.doc).send({ author: { id: 'ann', name: 'Ann' }, body: 'no one named' })
    await waitFor(() => s.events.filter((e) => e.event === 'chat').length > 0, 'the chat event')
    await waitFor(() => s.events.some((e) => e.event === 'mention'), 'the mention event')
    const mentions = s.events.filter((e) => e.event === 'mention')
    expect(mentions.map((e) => e.data)).toEqual([
      {
        doc: 'chat:m',
        recipient: 'bo',
        actor: { id: 'ann', name: 'Ann' },
        target: { doc: 'chat:m', messageId: message.id },
        excerpt: `hi ${mentionToken('bo')}`,
      },
    ])
  })

  it('sends a reset event when Last-Event-ID is older than the replay window', async () => {
    await start({ eventReplayCapacity: 2 })
    const observer = await stream('docs=doc:w')
    await write('doc:w', 'first')
    await waitFor(() => updates(observer).length === 1, 'first')
    const old = observer.events[0]!.id as string
    for (const [i, text] of ['a', 'b', 'c'].entries()) {
      await write('doc:w', text)
      await waitFor(() => updates(observer).length === i + 2, `event ${i}`)
    }
    const late = await stream('docs=doc:w', { 'last-event-id': old })
    await waitFor(() => late.events.length === 1, 'reset')
    expect(late.events[0]).toMatchObject({
      event: 'reset',
      id: observer.events.at(-1)!.id,
      data: { reason: 'last-event-id-too-old' },
    })
    // An id from a previous server process (smaller than any id of this one) resets too.
    const stale = await stream('docs=doc:w', { 'last-event-id': '5' })
    await waitFor(() => stale.events.length === 1, 'reset of stale id')
    expect(stale.events[0]?.event).toBe('reset')
  })

  it('accepts the token as ?token=, sends heartbeats and ends streams on shutdown', async () => {
    await start({ eventHeartbeatMs: 30 })
    const s = await openStream(`${srv!.url}/api/events?docs=doc:h&token=${token}`)
    streams.push(s)
    expect(s.status).toBe(200)
    await waitFor(() => s.comments.includes('heartbeat'), 'heartbeat')
    await srv!.stop()
    srv = undefined
    await waitFor(() => s.ended, 'stream ended by shutdown')
  })

  it('ends a stream when its token expires', async () => {
    await start()
    const shortLived = await signToken(
      { sub: 'ann', roles: { '*': 'editor' } },
      { expiresInSeconds: 1 },
    )
    const s = await openStream(`${srv!.url}/api/events?docs=doc:e`, {
      authorization: `Bearer ${shortLived}`,
    })
    streams.push(s)
    expect(s.status).toBe(200)
    await waitFor(() => s.ended, 'stream ended at token expiry', 5000)
  })

  it.each([
    ['no docs', 'docs=', {}, 400, 'bad-request'],
    ['an invalid name', 'docs=doc:a,nope', {}, 400, 'invalid-document-name'],
    [
      'too many docs',
      `docs=${Array.from({ length: 51 }, (_, i) => `doc:d${i}`).join(',')}`,
      {},
      400,
      'bad-request',
    ],
    ['a bad Last-Event-ID', 'docs=doc:a', { 'last-event-id': 'abc' }, 400, 'bad-request'],
    ['no token', 'docs=doc:a', { authorization: '' }, 401, 'unauthorized'],
  ] as const)('refuses %s', async (_, query, headers, status, code) => {
    await start()
    const h: Record<string, string> = { authorization: `Bearer ${token}`, ...headers }
    if (h.authorization === '') delete h.authorization
    const res = await fetch(`${srv!.url}/api/events?${query}`, { headers: h })
    expect(res.status).toBe(status)
    expect(await res.json()).toEqual({ error: { code, message: expect.any(String) } })
  })

  it('refuses a document the token may not read', async () => {
    srv = await startServer({ defaultRole: null })
    const limited = await signToken({ sub: 'x', roles: { 'doc:a': 'viewer' } })
    const res = await fetch(`${srv.url}/api/events?docs=doc:a,doc:b`, {
      headers: { authorization: `Bearer ${limited}` },
    })
    expect(res.status).toBe(403)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden')
  })
})
