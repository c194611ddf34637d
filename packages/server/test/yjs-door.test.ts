import * as encoding from 'lib0/encoding'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { freePort } from './support/child-server.js'
import {
  connect,
  makeDataDir,
  signToken,
  startServer,
  waitFor,
  waitForAcked,
  type TestClient,
  type TestServer,
} from './support/helpers.js'
import { storedText } from './support/stored.js'
import { connectYjs, yjsUrl, type YjsClient } from './support/yjs-client.js'

const text = (c: { doc: Y.Doc }): string => c.doc.getText('t').toString()

/** Polls an async condition until true or the deadline passes. */
async function eventually(condition: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

/** A bare socket on the door, for hand-made (or broken) y-websocket frames. */
async function openDoor(url: string): Promise<{
  ws: WebSocket
  received: Uint8Array[]
  closed: Promise<{ code: number; reason: string }>
}> {
  const ws = new WebSocket(url)
  const received: Uint8Array[] = []
  ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)))
  ws.on('error', () => undefined)
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  )
  await new Promise<void>((resolve) => ws.once('open', () => resolve()))
  return { ws, received, closed }
}

function syncStep1(doc = new Y.Doc()): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 0)
  encoding.writeVarUint(e, 0)
  encoding.writeVarUint8Array(e, Y.encodeStateVector(doc))
  return encoding.toUint8Array(e)
}

describe('y-websocket door (/yjs)', () => {
  let srv: TestServer | undefined
  const clients: { destroy(): void }[] = []
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy()
    await srv?.stop()
    srv = undefined
  })

  function yjs(name: string, token: string | undefined, server = srv): YjsClient {
    const c = connectYjs(yjsUrl(server?.url ?? ''), name, token)
    clients.push(c)
    return c
  }
  function hocuspocus(name: string, token: string): TestClient {
    const c = connect(srv?.wsUrl ?? '', name, token)
    clients.push(c)
    return c
  }
  async function stored(name: string): Promise<string> {
    return storedText(await (srv as TestServer).server.store.load(name))
  }

  it('two y-websocket clients converge, and what they write is stored', async () => {
    srv = await startServer()
    const [a, b] = [
      yjs('doc:two', await signToken({ sub: 'a' })),
      yjs('doc:two', await signToken({ sub: 'b' })),
    ]
    await waitFor(() => a.provider.synced && b.provider.synced, 'both synced')
    a.doc.getText('t').insert(0, 'from a. ')
    b.doc.getText('t').insert(0, 'from b. ')
    await waitFor(() => text(a) === text(b) && text(a).length === 16, 'convergence')
    await eventually(async () => (await stored('doc:two')) === text(a), 'stored')
  })

  it('a y-websocket and a Hocuspocus client share edits and presence both ways', async () => {
    srv = await startServer()
    const token = await signToken({ sub: 'u' })
    const y = yjs('doc:mixed', token)
    const h = hocuspocus('doc:mixed', token)
    await waitFor(() => y.provider.synced && h.provider.isSynced, 'both synced')
    y.doc.getText('t').insert(0, 'Y')
    h.doc.getText('t').insert(0, 'H')
    await waitFor(() => text(y) === text(h) && text(y).length === 2, 'convergence')
    await waitForAcked(h)

    y.provider.awareness.setLocalStateField('user', { name: 'from y-websocket' })
    h.provider.awareness?.setLocalStateField('user', { name: 'from hocuspocus' })
    const names = (states: Map<number, Record<string, unknown>>): string[] =>
      [...states.values()].map((s) => (s.user as { name?: string } | undefined)?.name ?? '')
    await waitFor(
      () => names(y.provider.awareness.getStates()).includes('from hocuspocus'),
      'y-websocket sees Hocuspocus presence',
    )
    await waitFor(
      () => names(h.provider.awareness?.getStates() ?? new Map()).includes('from y-websocket'),
      'Hocuspocus sees y-websocket presence',
    )
    // Leaving removes the presence for the other side.
    const yId = y.doc.clientID
    y.destroy()
    await waitFor(() => !h.provider.awareness?.getStates().has(yId), 'presence removed on leave')
  })

  it('stores the last edit of a client that closes right after it', async () => {
    srv = await startServer()
    const token = await signToken({ sub: 'c' })
    for (let i = 0; i < 5; i++) {
      const c = yjs('doc:last', token)
      await waitFor(() => c.provider.synced, 'sync')
      c.doc.getText('t').insert(0, `${i}`)
      c.destroy()
    }
    await eventually(async () => (await stored('doc:last')) === '43210', 'every last edit stored')
  })

  it('answers query-awareness with every state', async () => {
    srv = await startServer()
    const token = await signToken({ sub: 'q' })
    const h = hocuspocus('doc:query', token)
    await waitFor(() => h.provider.isSynced, 'sync')
    h.provider.awareness?.setLocalStateField('user', { name: 'present' })
    const raw = await openDoor(`${yjsUrl(srv.url)}/doc:query?token=${token}`)
    raw.ws.send(syncStep1())
    // Sync step 2 (type 0, step 1) tells that the document connection is established.
    await waitFor(() => raw.received.some((f) => f[0] === 0 && f[1] === 1), 'sync step 2')
    const before = raw.received.length
    raw.ws.send(Uint8Array.of(3))
    await waitFor(
      () =>
        raw.received.slice(before).some((f) => f[0] === 1 && Buffer.from(f).includes('present')),
      'the awareness answer',
    )
    // Only y-websocket message types reach the client (no SyncStatus, no auth replies).
    expect(raw.received.every((f) => f[0] === 0 || f[0] === 1)).toBe(true)
    raw.ws.close()
  })

  it('a restart keeps everything; clients reconnect and sync what they wrote meanwhile', async () => {
    const dataDir = await makeDataDir()
    const port = await freePort()
    srv = await startServer({ dataDir, port })
    const token = await signToken({ sub: 'r' })
    const a = yjs('doc:restart', token)
    await waitFor(() => a.provider.synced, 'sync')
    a.doc.getText('t').insert(0, 'before. ')
    await eventually(async () => (await stored('doc:restart')) === 'before. ', 'stored')
    await srv.stop({ keepData: true })
    await waitFor(() => !a.provider.wsconnected, 'disconnected')
    a.doc.getText('t').insert(8, 'offline. ')

    srv = await startServer({ dataDir, port })
    await waitFor(() => a.provider.synced, 'reconnected')
    const b = yjs('doc:restart', token)
    await waitFor(() => b.provider.synced && text(b) === 'before. offline. ', 'fresh reader')
    await eventually(async () => (await stored('doc:restart')) === 'before. offline. ', 'stored')
  })

  it('refuses a missing, bad or expired token, no role and invalid names with their codes', async () => {
    srv = await startServer({ defaultRole: null })
    const base = yjsUrl(srv.url)
    const editor = await signToken({ sub: 'e', roles: { 'doc:*': 'editor' } })
    const cases: { name: string; url: string; code: number; reason: string }[] = [
      { name: 'no token', url: `${base}/doc:a`, code: 4401, reason: 'unauthorized' },
      { name: 'bad token', url: `${base}/doc:a?token=nope`, code: 4401, reason: 'unauthorized' },
      {
        name: 'wrong secret',
        url: `${base}/doc:a?token=${await signToken({ sub: 'x', roles: { 'doc:*': 'editor' } }, { secret: 'another-secret-0123456789abcdef0123' })}`,
        code: 4401,
        reason: 'unauthorized',
      },
      {
        name: 'expired token',
        url: `${base}/doc:a?token=${await signToken({ sub: 'x', roles: { 'doc:*': 'editor' } }, { expiresInSeconds: -10 })}`,
        code: 4402,
        reason: 'token-expired',
      },
      {
        name: 'no role',
        url: `${base}/doc:a?token=${await signToken({ sub: 'x' })}`,
        code: 4403,
        reason: 'forbidden',
      },
      {
        name: "someone else's inbox",
        url: `${base}/inbox:other?token=${editor}`,
        code: 4403,
        reason: 'forbidden',
      },
      {
        name: 'unknown kind',
        url: `${base}/nope:a?token=${editor}`,
        code: 4404,
        reason: 'invalid-document-name',
      },
      {
        name: 'bad encoding',
        url: `${base}/doc%ZZ?token=${editor}`,
        code: 4404,
        reason: 'invalid-document-name',
      },
      {
        name: 'two segments',
        url: `${base}/doc:a/b?token=${editor}`,
        code: 4404,
        reason: 'invalid-document-name',
      },
    ]
    for (const { name, url, code, reason } of cases) {
      const raw = await openDoor(url)
      // Frames sent before the refusal (as y-websocket does at once) change nothing.
      raw.ws.send(syncStep1())
      expect(await raw.closed, name).toEqual({ code, reason })
    }
    // The stock client stops reconnecting on a 44xx close.
    const denied = yjs('doc:a', await signToken({ sub: 'x' }))
    await waitFor(() => denied.closes.length > 0, 'refusal')
    expect(denied.closes[0]).toEqual({ code: 4403, reason: 'forbidden' })
    // Your own inbox opens.
    const own = yjs('inbox:e', editor)
    await waitFor(() => own.provider.synced, 'own inbox')
    expect(await srv.server.store.load('doc:a')).toMatchObject({ snapshot: null, updates: [] })
  })

  it('closes a live socket when its token expires', async () => {
    srv = await startServer()
    const c = yjs('doc:exp', await signToken({ sub: 'x' }, { expiresInSeconds: 2 }))
    await waitFor(() => c.provider.synced, 'sync')
    await waitFor(() => c.closes.length > 0, 'expiry close', 5000)
    expect(c.closes[0]).toEqual({ code: 4402, reason: 'token-expired' })
  })

  it("neither stores nor relays a viewer's writes, but serves it reads and presence", async () => {
    srv = await startServer()
    const viewer = yjs('doc:v', await signToken({ sub: 'v', roles: { 'doc:v': 'viewer' } }))
    const editor = hocuspocus('doc:v', await signToken({ sub: 'e' }))
    await waitFor(() => viewer.provider.synced && editor.provider.isSynced, 'sync')
    editor.doc.getText('t').insert(0, 'editor. ')
    await waitForAcked(editor)
    await waitFor(() => text(viewer) === 'editor. ', 'viewer reads')

    viewer.doc.getText('t').insert(0, 'VIEWER ')
    // Barrier: the server handles the viewer's messages in order, so its answer to a sync
    // step 1 sent after the write comes after the write was handled (and refused).
    const ws = viewer.provider.ws as unknown as WebSocket
    let answered = false
    ws.addEventListener('message', (event) => {
      const f = new Uint8Array(event.data as ArrayBuffer)
      if (f[0] === 0 && f[1] === 1) answered = true
    })
    ws.send(syncStep1(viewer.doc))
    await waitFor(() => answered, 'the answer to the barrier')
    // Anything relayed to the editor would arrive before the ack of its next write.
    editor.doc.getText('t').insert(editor.doc.getText('t').length, 'more.')
    await waitForAcked(editor)
    expect(text(editor)).toBe('editor. more.')
    expect(await stored('doc:v')).toBe('editor. more.')
    viewer.provider.awareness.setLocalStateField('user', { name: 'viewer' })
    await waitFor(
      () =>
        [...(editor.provider.awareness?.getStates().values() ?? [])].some(
          (s) => (s.user as { name?: string } | undefined)?.name === 'viewer',
        ),
      'viewer presence',
    )
  })

  it('closes a socket above the message rate with rate-limited (4429)', async () => {
    srv = await startServer({ limits: { messagesPerSecond: 5, messageBurst: 10 } })
    const token = await signToken({ sub: 'r' })
    const raw = await openDoor(`${yjsUrl(srv.url)}/doc:rate?token=${token}`)
    for (let i = 0; i < 30; i++) raw.ws.send(syncStep1())
    expect(await raw.closed).toEqual({ code: 4429, reason: 'rate-limited' })
    const calm = yjs('doc:rate', token)
    await waitFor(() => calm.provider.synced, 'another socket is still served')
  })

  it('closes malformed and oversized frames with their codes and keeps serving others', async () => {
    srv = await startServer({ limits: { maxFrameBytes: 64 * 1024, maxDocumentBytes: 256 * 1024 } })
    const token = await signToken({ sub: 'm' })
    const healthy = yjs('doc:healthy', token)
    await waitFor(() => healthy.provider.synced, 'healthy sync')
    const url = `${yjsUrl(srv.url)}/doc:bad?token=${token}`
    const awareness = (json: string): Uint8Array => {
      const e = encoding.createEncoder()
      encoding.writeVarUint(e, 1)
      const u = encoding.createEncoder()
      encoding.writeVarUint(u, 1)
      encoding.writeVarUint(u, 7)
      encoding.writeVarUint(u, 1)
      encoding.writeVarString(u, json)
      encoding.writeVarUint8Array(e, encoding.toUint8Array(u))
      return encoding.toUint8Array(e)
    }
    const cases: { name: string; data: Uint8Array | string; code: number; reason: string }[] = [
      {
        name: 'garbage',
        data: Uint8Array.of(0xff, 0xff, 0xff),
        code: 4400,
        reason: 'malformed-message',
      },
      { name: 'empty frame', data: new Uint8Array(0), code: 4400, reason: 'malformed-message' },
      {
        name: 'truncated sync',
        data: Uint8Array.of(0, 2, 0x80),
        code: 4400,
        reason: 'malformed-message',
      },
      {
        name: 'garbage update',
        data: Uint8Array.of(0, 2, 5, 5, 200, 1, 2, 3),
        code: 4400,
        reason: 'malformed-message',
      },
      {
        name: 'unknown sync step',
        data: Uint8Array.of(0, 7, 0),
        code: 4400,
        reason: 'malformed-message',
      },
      {
        name: 'bad awareness JSON',
        data: awareness('{{{'),
        code: 4400,
        reason: 'malformed-message',
      },
      {
        name: 'hocuspocus auth',
        data: Uint8Array.of(2, 0, 1, 0x41),
        code: 4400,
        reason: 'malformed-message',
      },
      { name: 'hocuspocus close', data: Uint8Array.of(7), code: 4400, reason: 'malformed-message' },
      { name: 'text frame', data: 'hello', code: 4400, reason: 'malformed-message' },
      {
        name: 'oversized',
        data: new Uint8Array(100 * 1024),
        code: 4413,
        reason: 'frame-too-large',
      },
    ]
    for (const { name, data, code, reason } of cases) {
      const raw = await openDoor(url)
      raw.ws.send(data)
      expect(await raw.closed, name).toEqual({ code, reason })
    }
    // A document beyond maxDocumentBytes: the update is refused, not stored.
    const big = yjs('doc:big', token)
    await waitFor(() => big.provider.synced, 'big sync')
    for (let i = 0; i < 8; i++) big.doc.getText('t').insert(0, 'x'.repeat(60 * 1024))
    await waitFor(() => big.closes.length > 0, 'document-too-large')
    expect(big.closes[0]).toEqual({ code: 4414, reason: 'document-too-large' })
    expect((await stored('doc:big')).length).toBeLessThanOrEqual(256 * 1024)

    healthy.doc.getText('t').insert(0, 'still served')
    await eventually(async () => (await stored('doc:healthy')) === 'still served', 'healthy stored')
    expect(await srv.server.store.load('doc:bad')).toMatchObject({ snapshot: null, updates: [] })
  })
})
