import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { chatDoc, commentsDoc, inboxDoc, mentionToken } from '@tandem/schema'
import {
  connect,
  signToken,
  startServer,
  tearDownAfterEach,
  waitFor,
  waitForAcked,
  type TestClient,
  type TestServer,
} from './support/helpers.js'
import { storedDoc } from './support/stored.js'

const ada = { id: 'ada', name: 'Ada' }
const bob = { id: 'bob', name: 'Bob' }

/** An anchor on the first characters of a scratch text (the server never resolves anchors). */
function anchor(): { start: Y.RelativePosition; end: Y.RelativePosition } {
  const text = new Y.Doc().getText('t')
  text.insert(0, 'anchored')
  return {
    start: Y.createRelativePositionFromTypeIndex(text, 0),
    end: Y.createRelativePositionFromTypeIndex(text, 8, -1),
  }
}

describe('comments, chat and notifications on the server', () => {
  let srv: TestServer | undefined
  const clients = tearDownAfterEach(() => srv)
  const open = async (
    name: string,
    sub: string,
    options: { doc?: Y.Doc; roles?: Record<string, string> } = {},
  ): Promise<TestClient> => {
    const c = connect(srv!.wsUrl, name, await signToken({ sub, roles: options.roles }), options)
    clients.push(c)
    await waitFor(() => c.provider.isSynced || c.denied.length > 0, `${sub} on ${name}`)
    return c
  }
  const inboxOf = async (user: string): Promise<TestClient> => open(`inbox:${user}`, user)

  it("refuses a viewer's comment and chat writes: not stored, not relayed", async () => {
    srv = await startServer()
    const viewerRoles = { 'doc:plan': 'viewer' }
    const commenter = await open('comments:plan', 'bob', { roles: { 'doc:plan': 'commenter' } })
    const viewer = await open('comments:plan', 'cy', { roles: viewerRoles })
    const viewerChat = await open('chat:plan', 'cy', { roles: viewerRoles })
    commentsDoc(viewer.doc).createThread({
      anchor: anchor(),
      quote: 'x',
      author: { id: 'cy', name: 'Cy' },
      body: 'sneaky',
    })
    chatDoc(viewerChat.doc).send({ author: { id: 'cy', name: 'Cy' }, body: 'sneaky' })
    // A later write by the commenter must reach the store after the viewer's would have.
    commentsDoc(commenter.doc).createThread({
      anchor: anchor(),
      quote: 'x',
      author: bob,
      body: 'fine',
    })
    await waitForAcked(commenter)
    expect(viewer.provider.unsyncedChanges).toBeGreaterThan(0)
    const stored = commentsDoc(storedDoc(await srv.server.store.load('comments:plan')))
    expect(stored.list().map((t) => t.comments[0]?.body)).toEqual(['fine'])
    expect(
      commentsDoc(commenter.doc)
        .list()
        .map((t) => t.comments[0]?.body),
    ).toEqual(['fine'])
    expect((await srv.server.store.load('chat:plan')).updates).toHaveLength(0)
  })

  it('one mention gives exactly one notification across client retries and two restarts', async () => {
    srv = await startServer()
    const dataDir = srv.dataDir
    const writer = await open('comments:plan', 'ada')
    const thread = commentsDoc(writer.doc).createThread({
      anchor: anchor(),
      quote: 'anchored',
      author: ada,
      body: `Can you check this, ${mentionToken('bob')}?`,
    })
    await waitForAcked(writer)
    const inbox = await inboxOf('bob')
    await waitFor(() => inboxDoc(inbox.doc).list().length === 1, 'the mention arrives live')
    const [notification] = inboxDoc(inbox.doc).list()
    expect(notification).toMatchObject({
      kind: 'mention',
      actor: ada,
      target: { doc: 'comments:plan', threadId: thread.id, commentId: thread.comments[0]!.id },
      read: null,
    })
    const written = Y.encodeStateAsUpdate(writer.doc)

    for (let restart = 0; restart < 2; restart++) {
      for (const c of clients.splice(0)) c.destroy()
      await srv.stop({ keepData: true })
      srv = await startServer({ dataDir })
      // The client retries: it sends everything it has again, to a fresh process that reloads
      // the comments (and rescans recent ones for notifications to deliver).
      const retry = new Y.Doc()
      Y.applyUpdate(retry, written)
      const again = await open('comments:plan', 'ada', { doc: retry })
      await waitForAcked(again)
      await srv.server.hocuspocus.openDirectConnection('comments:plan').then((c) => c.disconnect())
    }
    const after = await inboxOf('bob')
    await waitFor(() => inboxDoc(after.doc).list().length > 0, 'inbox after restarts')
    expect(inboxDoc(after.doc).list()).toHaveLength(1)
    expect(inboxDoc(storedDoc(await srv.server.store.load('inbox:bob'))).list()).toHaveLength(1)
  })

  it('a reply notifies the thread’s earlier participants, and a chat mention its target', async () => {
    srv = await startServer()
    const adaComments = await open('comments:plan', 'ada')
    const bobComments = await open('comments:plan', 'bob')
    const thread = commentsDoc(adaComments.doc).createThread({
      anchor: anchor(),
      quote: 'anchored',
      author: ada,
      body: 'Opening',
    })
    await waitForAcked(adaComments)
    await waitFor(() => commentsDoc(bobComments.doc).get(thread.id) !== null, 'thread reaches bob')
    const reply = commentsDoc(bobComments.doc).reply(thread.id, { author: bob, body: 'Agreed' })
    const bobChat = await open('chat:plan', 'bob')
    const message = chatDoc(bobChat.doc).send({
      author: bob,
      body: `lunch ${mentionToken('ada')}?`,
    })
    const inbox = await inboxOf('ada')
    await waitFor(() => inboxDoc(inbox.doc).list().length === 2, 'reply and mention')
    const byKind = Object.fromEntries(
      inboxDoc(inbox.doc)
        .list()
        .map((n) => [n.kind, n]),
    )
    expect(byKind.reply?.target).toEqual({
      doc: 'comments:plan',
      threadId: thread.id,
      commentId: reply.id,
    })
    expect(byKind.mention?.target).toEqual({ doc: 'chat:plan', messageId: message.id })
    expect(byKind.mention?.excerpt).toBe(`lunch ${mentionToken('ada')}?`)
    // Bob is told nothing about his own words.
    const bobInbox = await inboxOf('bob')
    expect(inboxDoc(bobInbox.doc).list()).toEqual([])
  })

  it('keeps notifying when a room is closed and reopened at once (reload during unload)', async () => {
    srv = await startServer()
    const rounds = 8
    for (let i = 0; i < rounds; i++) {
      const c = await open('chat:plan', 'ada')
      chatDoc(c.doc).send({ author: ada, body: `round ${i} ${mentionToken('bob')}` })
      await waitForAcked(c)
      c.destroy() // the room unloads (and compacts) while the next round reopens it
    }
    const inbox = await inboxOf('bob')
    await waitFor(() => inboxDoc(inbox.doc).list().length === rounds, `${rounds} mentions`)
  })

  it('sharing a document records the role and notifies the person once; bad input changes nothing', async () => {
    srv = await startServer()
    const ownerToken = await signToken({ sub: 'ada', name: 'Ada' })
    const share = (
      path: string,
      body: string,
      token: string | null = ownerToken,
      type = 'application/json',
    ) =>
      fetch(`${srv!.url}${path}`, {
        method: 'PUT',
        body,
        headers: { 'content-type': type, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      })
    // Ada creates the document, so she owns it.
    expect((await share('/api/docs/doc:plan', '# Plan', ownerToken, 'text/markdown')).status).toBe(
      201,
    )
    const ok = await share('/api/docs/doc:plan/members/bob', JSON.stringify({ role: 'commenter' }))
    expect(ok.status).toBe(200)
    expect(await ok.json()).toEqual({ name: 'doc:plan', userId: 'bob', role: 'commenter' })
    expect(await srv.server.memberships.roleOf('doc:plan', 'bob')).toBe('commenter')
    // Sharing the comments document means sharing its document.
    expect(
      (await share('/api/docs/comments:plan/members/bob', JSON.stringify({ role: 'commenter' })))
        .status,
    ).toBe(200)

    const inbox = await inboxOf('bob')
    await waitFor(() => inboxDoc(inbox.doc).list().length > 0, 'the share notification')
    expect(inboxDoc(inbox.doc).list()).toMatchObject([
      { kind: 'share', actor: { id: 'ada', name: 'Ada' }, target: { doc: 'doc:plan' } },
    ])

    const bobToken = await signToken({ sub: 'bob' })
    const refusals: [string, string, string | null, string, number][] = [
      ['/api/docs/doc:plan/members/cy', '{"role":"owner"}', bobToken, 'application/json', 403],
      ['/api/docs/doc:plan/members/cy', '{"role":"boss"}', ownerToken, 'application/json', 400],
      [
        '/api/docs/doc:plan/members/bad%20id',
        '{"role":"viewer"}',
        ownerToken,
        'application/json',
        400,
      ],
      ['/api/docs/doc:plan/members/cy', 'role=viewer', ownerToken, 'text/plain', 415],
      ['/api/docs/doc:plan/members/cy', '{"role":"viewer"}', null, 'application/json', 401],
      ['/api/docs/nope:plan/members/cy', '{"role":"viewer"}', ownerToken, 'application/json', 400],
    ]
    for (const [path, body, token, type, status] of refusals) {
      const res = await share(path, body, token, type)
      expect(res.status, `${path} ${body}`).toBe(status)
      expect((await res.json()).error.code).toEqual(expect.any(String))
    }
    expect(await srv.server.memberships.roleOf('doc:plan', 'cy')).toBeUndefined()
    expect(inboxDoc(inbox.doc).list()).toHaveLength(1)
  })

  it('an inbox the server wrote while its reader connected unloads once the reader leaves', async () => {
    srv = await startServer()
    const writer = await open('chat:plan', 'ada')
    chatDoc(writer.doc).send({ author: ada, body: `see ${mentionToken('bob')}` })
    // Bob connects while the server writes (and then unloads and compacts) his inbox.
    const inbox = await inboxOf('bob')
    await waitFor(() => inboxDoc(inbox.doc).list().length === 1, 'the mention')
    inbox.destroy()
    await waitFor(() => !srv!.server.hocuspocus.documents.has('inbox:bob'), 'the inbox to unload')
  })

  it('what a connection writes in someone else’s name notifies nobody', async () => {
    srv = await startServer()
    const mallory = await open('chat:plan', 'mallory')
    chatDoc(mallory.doc).send({ author: ada, body: `pay ${mentionToken('bob')} now` })
    chatDoc(mallory.doc).send({
      author: { id: 'mallory', name: 'M' },
      body: `hi ${mentionToken('bob')}`,
    })
    await waitForAcked(mallory)
    const inbox = await inboxOf('bob')
    await waitFor(() => inboxDoc(inbox.doc).list().length > 0, 'the honest mention')
    expect(
      inboxDoc(inbox.doc)
        .list()
        .map((n) => n.actor.id),
    ).toEqual(['mallory'])
  })

  it('ignores malformed mention tokens and malformed conversation data', async () => {
    srv = await startServer()
    const c = await open('chat:plan', 'ada')
    // Malformed data from a buggy client: stored like any Yjs update, read as absent.
    c.doc.getArray('messages').push([42, 'junk'])
    chatDoc(c.doc).send({
      author: ada,
      body: `<@bad id> <@${'x'.repeat(65)}> ${mentionToken('bob')}`,
    })
    await waitForAcked(c)
    const inbox = await inboxOf('bob')
    await waitFor(() => inboxDoc(inbox.doc).list().length === 1, 'the valid mention')
    expect(
      [...srv.server.hocuspocus.documents.keys()].filter((n) => n.startsWith('inbox:')),
    ).toEqual(['inbox:bob'])
  })
})
