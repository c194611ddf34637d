import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, test } from 'vitest'
import { WebSocketServer } from 'ws'
import { BenchClient } from './client.js'
import {
  SYNC,
  authFrame,
  awarenessFrame,
  encodeAwarenessEntry,
  parseFrame,
  syncFrame,
} from './frames.js'

describe('frames', () => {
  test('sync, awareness and auth frames decode as sent, in both dialects', () => {
    const update = new Uint8Array([1, 2, 3])
    expect(parseFrame('hocuspocus', syncFrame('hocuspocus', 'doc:a', SYNC.update, update))).toEqual(
      { kind: 'update', update },
    )
    expect(
      parseFrame('y-websocket', syncFrame('y-websocket', 'doc:a', SYNC.step2, update)),
    ).toEqual({ kind: 'step2', update })
    expect(parseFrame('hocuspocus', syncFrame('hocuspocus', 'doc:a', SYNC.step1, update))).toEqual({
      kind: 'step1',
      stateVector: update,
    })
    const awareness = encodeAwarenessEntry(7, 1, { user: { id: 'u' } })
    expect(parseFrame('y-websocket', awarenessFrame('y-websocket', 'doc:a', awareness))).toEqual({
      kind: 'awareness',
    })
    // An auth frame from a client carries the token sub-type, which a client never receives.
    expect(parseFrame('hocuspocus', authFrame('doc:a', 't'))).toEqual({ kind: 'other', type: 2 })
  })

  test('malformed frames throw instead of decoding garbage', () => {
    expect(() => parseFrame('hocuspocus', new Uint8Array([5, 0x61]))).toThrow()
    expect(() => parseFrame('y-websocket', new Uint8Array([0, 9, 0]))).toThrow(
      /unknown sync message 9/,
    )
    expect(() => parseFrame('y-websocket', new Uint8Array([0, 2, 50, 1]))).toThrow()
  })
})

describe('BenchClient against a misbehaving server', () => {
  let server: WebSocketServer | null = null
  afterEach(async () => {
    server?.close()
    server = null
  })

  async function serve(
    onConnection: (send: (data: Uint8Array) => void, close: () => void) => void,
  ): Promise<string> {
    server = new WebSocketServer({ port: 0, host: '127.0.0.1' })
    await once(server, 'listening')
    server.on('connection', (ws) =>
      onConnection(
        (d) => ws.send(d),
        () => ws.close(4401, 'Unauthorized'),
      ),
    )
    return `ws://127.0.0.1:${(server.address() as AddressInfo).port}`
  }

  test('a garbage frame rejects connect with a clear error', async () => {
    const url = await serve((send) => send(new Uint8Array([0, 7, 7, 7])))
    const client = new BenchClient({ url, dialect: 'y-websocket', doc: 'doc:a', token: '' })
    await expect(client.connect()).rejects.toThrow(/malformed frame from server/)
  })

  test('a close before sync rejects connect with the close code', async () => {
    const url = await serve((_send, close) => close())
    const client = new BenchClient({ url, dialect: 'hocuspocus', doc: 'doc:a', token: 'bad' })
    await expect(client.connect()).rejects.toThrow(/closed before sync: 4401/)
  })

  test('no server at all rejects, it does not crash the process', async () => {
    const url = await serve(() => undefined)
    server?.close()
    await once(server as WebSocketServer, 'close')
    const client = new BenchClient({
      url,
      dialect: 'hocuspocus',
      doc: 'doc:a',
      token: 't',
      connectTimeoutMs: 5000,
    })
    await expect(client.connect()).rejects.toThrow(/ECONNREFUSED/)
  })
})
