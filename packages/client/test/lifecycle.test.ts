import 'fake-indexeddb/auto'
import { createHook } from 'node:async_hooks'
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net'
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { createClient } from '../src/index.js'
import { clientStatus, freePort, tandemServer } from './harness.js'
import { signToken } from './tandem-server.js'
import { until } from './wait.js'

/** Timers created from now on that are still pending, with the stack that created them. */
function trackTimers(): { pending(): string[]; stop(): void } {
  const alive = new Map<number, string>()
  const hook = createHook({
    init(id, type) {
      if (type !== 'Timeout') return
      const limit = Error.stackTraceLimit
      Error.stackTraceLimit = 40
      alive.set(id, new Error().stack ?? '')
      Error.stackTraceLimit = limit
    },
    destroy(id) {
      alive.delete(id)
    },
  })
  hook.enable()
  return {
    // The test server's own timers are not the client's business.
    pending: () => [...alive.values()].filter((stack) => !stack.includes('packages/server/')),
    stop: () => hook.disable(),
  }
}

describe('lifecycle', () => {
  it('destroy() leaves no timers behind (retrying, online, with persistence)', async () => {
    const timers = trackTimers()
    const port = await freePort()
    let attempts = 0
    class CountingWebSocket extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols)
        attempts += 1
      }
    }
    // Retrying against a closed port: a backoff timer is pending.
    const retrying = createClient({
      url: `ws://127.0.0.1:${port}/collab`,
      token: 'x',
      WebSocketPolyfill: CountingWebSocket,
      persistence: true,
      storagePrefix: 'timers-a:',
      reconnect: { minDelayMs: 5_000, maxDelayMs: 10_000 },
    })
    retrying.open('doc:a').doc.getText('t').insert(0, 'x')
    await until(() => attempts >= 1 && retrying.status.connection === 'offline', 'a failed attempt')

    // Online, with documents, presence and an IndexedDB copy.
    const s = await tandemServer()
    const online = createClient({
      url: s.url,
      token: () => signToken(),
      WebSocketPolyfill: WebSocket,
      persistence: true,
      storagePrefix: 'timers-b:',
    })
    const handles = ['doc:b', 'board:c'].map((name) => online.open(name))
    await Promise.all(handles.map((h) => h.whenSynced))
    handles[0]!.awareness.setLocalStateField('user', { name: 'T' })
    handles[0]!.doc.getText('t').insert(0, 'y')
    await clientStatus(online, (st) => st.unsynced === 0, 'ack')
    expect(timers.pending().length).toBeGreaterThan(0)

    await Promise.all([retrying.destroy(), online.destroy()])
    await s.close()
    // Destroy hooks of cleared timers run asynchronously: let them through.
    await new Promise((resolve) => setImmediate(resolve))
    const left = timers.pending()
    timers.stop()
    expect(left).toEqual([])
  })

  it('survives a connection attempt that hangs and is replaced (ws errors on close while connecting)', async () => {
    const errors: unknown[] = []
    const record = (e: unknown) => errors.push(e)
    process.on('uncaughtException', record)
    process.on('unhandledRejection', record)
    // Accepts TCP connections and never answers the WebSocket handshake.
    const sockets = new Set<Socket>()
    const silent = createNetServer((socket) => {
      sockets.add(socket)
      socket.on('error', () => sockets.delete(socket))
    })
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const { port } = silent.address() as AddressInfo
    let attempts = 0
    class CountingWebSocket extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols)
        attempts += 1
      }
    }
    const network = new EventTarget()
    const client = createClient({
      url: `ws://127.0.0.1:${port}/collab`,
      token: 'x',
      WebSocketPolyfill: CountingWebSocket,
      watchNetwork: network,
      persistence: false,
    })
    client.open('doc:hang')
    await until(() => sockets.size === 1, 'the first attempt to reach the server')
    // The browser says "online" again: the hanging attempt is dropped for a new one.
    network.dispatchEvent(new Event('online'))
    await until(() => attempts === 2 && sockets.size >= 2, 'a second attempt')
    network.dispatchEvent(new Event('offline'))
    await client.destroy()
    for (const socket of sockets) socket.destroy()
    await new Promise<void>((resolve) => silent.close(() => resolve()))
    // Give ws' deferred 'error' emission (process.nextTick) its turn.
    await new Promise((resolve) => setImmediate(resolve))
    process.off('uncaughtException', record)
    process.off('unhandledRejection', record)
    expect(errors).toEqual([])
  })

  it('gives up on an attempt that never opens and retries', async () => {
    const sockets = new Set<Socket>()
    const silent = createNetServer((socket) => {
      sockets.add(socket)
      socket.on('error', () => sockets.delete(socket))
    })
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const { port } = silent.address() as AddressInfo
    let attempts = 0
    class CountingWebSocket extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols)
        attempts += 1
      }
    }
    const client = createClient({
      url: `ws://127.0.0.1:${port}/collab`,
      token: 'x',
      WebSocketPolyfill: CountingWebSocket,
      persistence: false,
      reconnect: { minDelayMs: 10, maxDelayMs: 20, connectTimeoutMs: 50 },
    })
    await until(() => attempts >= 3, 'three attempts, each abandoned after 50 ms')
    expect(client.status.connection).toBe('offline')
    await client.destroy()
    for (const socket of sockets) socket.destroy()
    await new Promise<void>((resolve) => silent.close(() => resolve()))
  })
})
