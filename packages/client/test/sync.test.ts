import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { tandemServer as server, testClient as client } from './harness.js'
import { until } from './wait.js'

describe('sync', () => {
  it('two clients converge on concurrent edits to one document', async () => {
    const s = await server()
    const a = client(s.url).open('doc:shared')
    const b = client(s.url).open('doc:shared')
    await Promise.all([a.whenSynced, b.whenSynced])

    // Concurrent: both edit before either sees the other.
    a.doc.getText('t').insert(0, 'hello ')
    b.doc.getText('t').insert(0, 'world ')
    a.doc.getMap('m').set('k', 'from a')
    b.doc.getMap('m').set('k', 'from b')

    await until(
      () => a.doc.getText('t').length === 12 && b.doc.getText('t').length === 12,
      'both texts to hold both inserts',
    )
    expect(a.doc.getText('t').toString()).toBe(b.doc.getText('t').toString())
    await until(() => a.doc.getMap('m').get('k') === b.doc.getMap('m').get('k'), 'map to converge')
    await until(() => a.unsynced === 0 && b.unsynced === 0, 'acks')
  })

  it("tags remote changes with the handle's remoteOrigin", async () => {
    const s = await server()
    const a = client(s.url).open('doc:origins')
    const b = client(s.url).open('doc:origins')
    await Promise.all([a.whenSynced, b.whenSynced])
    const origins: unknown[] = []
    b.doc.on('update', (_u: Uint8Array, origin: unknown) => origins.push(origin))
    a.doc.getText('t').insert(0, 'remote for b')
    await until(() => origins.length > 0, 'b to receive')
    expect(origins[0]).toBe(b.remoteOrigin)
    b.doc.transact(() => b.doc.getText('t').insert(0, 'local '), 'tandem:local')
    expect(origins.at(-1)).toBe('tandem:local')
    expect(b.remoteOrigin).not.toBe(a.remoteOrigin)
  })

  it('opens 50 documents over one WebSocket', async () => {
    const s = await server()
    let sockets = 0
    class CountingWebSocket extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols)
        sockets += 1
      }
    }
    const writer = client(s.url, { WebSocketPolyfill: CountingWebSocket })
    const handles = Array.from({ length: 50 }, (_, i) => writer.open(`doc:many-${i}`))
    await Promise.all(handles.map((h) => h.whenSynced))
    handles.forEach((h, i) => h.doc.getText('t').insert(0, `doc ${i}`))
    await until(() => writer.status.unsynced === 0, 'all 50 documents acknowledged')
    expect(sockets).toBe(1)

    const reader = client(s.url)
    const copies = Array.from({ length: 50 }, (_, i) => reader.open(`doc:many-${i}`))
    await Promise.all(copies.map((h) => h.whenSynced))
    copies.forEach((h, i) => expect(h.doc.getText('t').toString()).toBe(`doc ${i}`))
    expect(sockets).toBe(1)
  })

  it('returns the same handle for the same name, and a fresh one after release', async () => {
    const s = await server()
    const c = client(s.url)
    const first = c.open('doc:same')
    const second = c.open('doc:same')
    expect(second).toBe(first)
    first.release()
    // Released and reopened in one go (React StrictMode): still the same document.
    const third = c.open('doc:same')
    expect(third).toBe(first)
    await third.whenSynced
    third.doc.getText('t').insert(0, 'x')
    await until(() => c.status.unsynced === 0, 'ack')
    third.release()
    second.release()
    await until(() => first.doc.isDestroyed, 'the document to close after the last release')
    const fourth = c.open('doc:same')
    expect(fourth).not.toBe(first)
    await fourth.whenSynced
    expect(fourth.doc.getText('t').toString()).toBe('x')
  })

  it('shows peers again right after a reconnect (presence)', async () => {
    const s = await server()
    const watcher = client(s.url)
    const a = watcher.open('doc:presence')
    const b = client(s.url).open('doc:presence')
    await Promise.all([a.whenSynced, b.whenSynced])
    b.awareness.setLocalStateField('user', { name: 'Ada' })
    const sees = () => a.awareness.getStates().get(b.awareness.clientID)?.user?.name === 'Ada'
    await until(sees, 'the watcher to see Ada')
    watcher.disconnect()
    expect(sees()).toBe(false)
    watcher.connect()
    // Well before Ada's next awareness renewal (15 s).
    await until(sees, 'the watcher to see Ada again', 3000)
  })
})
