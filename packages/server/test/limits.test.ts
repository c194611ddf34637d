import { describe, expect, it } from 'vitest'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
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
import { authFrame, frame, openRaw, updateFrame } from './support/raw-socket.js'
import { storedText } from './support/stored.js'

describe('limits and malformed input', () => {
  let srv: TestServer
  const clients = tearDownAfterEach(() => srv)

  async function healthyEditor(name = 'doc:healthy'): Promise<TestClient> {
    const c = connect(srv.wsUrl, name, await signToken({ sub: 'ok' }))
    clients.push(c)
    await waitFor(() => c.provider.isSynced, 'healthy client sync')
    return c
  }

  async function stillServes(c: TestClient, text: string): Promise<void> {
    c.doc.getText('t').insert(0, text)
    await waitForAcked(c)
  }

  it('closes malformed frames with malformed-message (4400) and keeps serving others', async () => {
    srv = await startServer()
    const healthy = await healthyEditor()
    const token = await signToken({ sub: 'x' })
    const cases: { name: string; data: Uint8Array | string }[] = [
      {
        name: 'garbage',
        data: new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
      },
      { name: 'truncated varint', data: new Uint8Array([0x80]) },
      { name: 'string longer than the frame', data: new Uint8Array([0x20, 0x41]) },
      { name: 'unknown message type', data: frame('doc:a', 99) },
      { name: 'server-only type', data: frame('doc:a', 6, () => undefined) },
      { name: 'text frame', data: 'hello' },
      { name: 'garbage update', data: updateFrame('doc:a', new Uint8Array([5, 200, 1, 2, 3])) },
      { name: 'unknown sync step', data: frame('doc:a', 0, (e) => encoding.writeUint8(e, 7)) },
      {
        name: 'bad awareness JSON',
        data: frame('doc:a', 1, (e) =>
          encoding.writeVarUint8Array(e, new Uint8Array([1, 5, 1, 3, 0x7b, 0x7b, 0x7b])),
        ),
      },
    ]
    for (const { name, data } of cases) {
      const raw = await openRaw(srv.wsUrl)
      raw.ws.send(authFrame('doc:a', token))
      raw.ws.send(data)
      expect(await raw.closed, name).toEqual({ code: 4400, reason: 'malformed-message' })
    }
    await stillServes(healthy, 'alive')
    expect((await srv.server.store.load('doc:a')).updates).toHaveLength(0)
  })

  it('refuses a frame above maxFrameBytes with frame-too-large (4413) before decoding it', async () => {
    srv = await startServer({ limits: { maxFrameBytes: 1024 } })
    const healthy = await healthyEditor()
    const raw = await openRaw(srv.wsUrl)
    // Not even a valid message: size is checked first.
    raw.ws.send(new Uint8Array(4000).fill(0xff))
    expect(await raw.closed).toEqual({ code: 4413, reason: 'frame-too-large' })
    await stillServes(healthy, 'alive')
  })

  it('closes a connection that exceeds the message rate with rate-limited (4429)', async () => {
    srv = await startServer({ limits: { messagesPerSecond: 20, messageBurst: 40 } })
    const healthy = await healthyEditor()
    const raw = await openRaw(srv.wsUrl)
    raw.ws.send(authFrame('doc:r', await signToken({ sub: 'spam' })))
    for (let i = 0; i < 200; i++) raw.ws.send(frame('doc:r', 3))
    expect(await raw.closed).toEqual({ code: 4429, reason: 'rate-limited' })
    await stillServes(healthy, 'alive')
  })

  it('refuses an update that would exceed maxDocumentBytes (4414), stored data untouched', async () => {
    srv = await startServer({ limits: { maxDocumentBytes: 4000 } })
    const writer = connect(srv.wsUrl, 'doc:big', await signToken({ sub: 'w' }))
    clients.push(writer)
    await waitFor(() => writer.provider.isSynced, 'sync')
    writer.doc.getText('t').insert(0, 'small start')
    await waitForAcked(writer)
    const before = await srv.server.store.load('doc:big')
    writer.doc.getText('t').insert(0, 'x'.repeat(5000))
    await waitFor(() => writer.closes.some((c) => c.code === 4414), 'document-too-large close')
    expect(writer.closes.find((c) => c.code === 4414)?.reason).toBe('document-too-large')
    // The refused update is nowhere: not in the log (compaction may have folded it into a
    // snapshot when the document unloaded, so compare contents) and not in memory.
    expect(before.updates.length).toBeGreaterThan(0)
    expect(storedText(await srv.server.store.load('doc:big'))).toBe('small start')
    expect(
      srv.server.hocuspocus.documents.get('doc:big')?.getText('t').toString() ?? 'small start',
    ).toBe('small start')
  })

  it('does not store empty updates (the usual first sync step 2)', async () => {
    srv = await startServer()
    const a = connect(srv.wsUrl, 'doc:e', await signToken({ sub: 'a' }))
    clients.push(a)
    await waitFor(() => a.provider.isSynced, 'sync')
    a.doc.getText('t').insert(0, 'one')
    await waitForAcked(a)
    const count = (await srv.server.store.load('doc:e')).updates.length
    // A second client that already has everything (and deletions) reconnecting stores nothing.
    a.doc.getText('t').delete(0, 1)
    await waitForAcked(a)
    const copy = new Y.Doc()
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(a.doc))
    const b = connect(srv.wsUrl, 'doc:e', await signToken({ sub: 'b' }), { doc: copy })
    clients.push(b)
    await waitForAcked(b)
    expect((await srv.server.store.load('doc:e')).updates.length).toBe(count + 1)
  })
})
