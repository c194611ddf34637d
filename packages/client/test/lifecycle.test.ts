import 'fake-indexeddb/auto'
import { createHook } from 'node:async_hooks'
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
})
