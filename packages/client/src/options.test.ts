import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { resolveOptions } from './options.js'

describe('resolveOptions', () => {
  it('fills documented defaults (Node: no IndexedDB, no window)', () => {
    const o = resolveOptions({
      url: 'wss://x.example/collab',
      token: 't',
      WebSocketPolyfill: WebSocket,
    })
    expect(o).toMatchObject({
      persistence: false,
      storagePrefix: 'tandem:',
      network: null,
      autoConnect: true,
      reconnect: { minDelayMs: 1000, maxDelayMs: 30_000, connectTimeoutMs: 10_000 },
    })
  })

  it('raises the default maximum delay to a larger minimum', () => {
    const o = resolveOptions({
      url: 'ws://127.0.0.1:1',
      token: () => 't',
      WebSocketPolyfill: WebSocket,
      reconnect: { minDelayMs: 60_000 },
    })
    expect(o.reconnect.maxDelayMs).toBe(60_000)
  })

  it('follows a given EventTarget for online/offline', () => {
    const target = new EventTarget()
    const o = resolveOptions({
      url: 'ws://h',
      token: 't',
      WebSocketPolyfill: WebSocket,
      watchNetwork: target,
    })
    expect(o.network).toBe(target)
  })
})
