import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { clientStatus, onCleanup, tandemServer, testClient } from './harness.js'
import { makeDataDir, removeDataDir, startTandemServer } from './tandem-server.js'
import { until } from './wait.js'

describe('persistence (IndexedDB)', () => {
  it('keeps offline edits and their count across a reload, and syncs them when the server is back', async () => {
    const dataDir = await makeDataDir()
    onCleanup(() => removeDataDir(dataDir))
    let server = await startTandemServer({ dataDir })
    const port = server.port
    const prefix = `reload-${Date.now()}:`

    const first = testClient(server.url, { persistence: true, storagePrefix: prefix })
    const before = first.open('doc:field')
    await before.whenSynced
    before.doc.getText('t').insert(0, 'online. ')
    await clientStatus(first, (s) => s.unsynced === 0, 'first ack')

    await server.close()
    await clientStatus(first, (s) => s.connection === 'offline', 'offline')
    before.doc.getText('t').insert(8, 'offline 1. ')
    before.doc.getText('t').insert(19, 'offline 2.')
    before.doc.getMap('meta').set('title', 'Field notes')
    expect(first.status.unsynced).toBe(3)
    await first.destroy()

    // "Reload": a new client on the same IndexedDB, still without a server.
    const second = testClient(`ws://127.0.0.1:${port}/collab`, {
      persistence: true,
      storagePrefix: prefix,
    })
    const after = second.open('doc:field')
    await after.whenLoaded
    expect(after.doc.getText('t').toString()).toBe('online. offline 1. offline 2.')
    expect(after.unsynced).toBe(3)
    expect(second.status.unsynced).toBe(3)
    expect(after.status.loaded).toBe(true)

    server = await startTandemServer({ port, dataDir })
    onCleanup(() => server.close())
    await clientStatus(
      second,
      (s) => s.connection === 'online' && s.unsynced === 0,
      'synced after the server is back',
    )
    const stored = await server.stored('doc:field')
    expect(stored.getText('t').toString()).toBe('online. offline 1. offline 2.')
    expect(stored.getMap('meta').get('title')).toBe('Field notes')
    await second.destroy()

    // The cleared count is stored too.
    const third = testClient(server.url, {
      persistence: true,
      storagePrefix: prefix,
      autoConnect: false,
    })
    const again = third.open('doc:field')
    await again.whenLoaded
    expect(again.unsynced).toBe(0)
    expect(again.doc.getText('t').toString()).toBe('online. offline 1. offline 2.')
  })

  it('opens a document from the device with no server at all', async () => {
    const prefix = `noserver-${Date.now()}:`
    const a = testClient('ws://127.0.0.1:9/collab', {
      persistence: true,
      storagePrefix: prefix,
      autoConnect: false,
    })
    const h = a.open('board:offline')
    await h.whenLoaded
    h.doc.getMap('shapes').set('s1', { kind: 'rect' })
    await a.destroy()

    const b = testClient('ws://127.0.0.1:9/collab', {
      persistence: true,
      storagePrefix: prefix,
      autoConnect: false,
    })
    const h2 = b.open('board:offline')
    await h2.whenLoaded
    expect(h2.doc.getMap('shapes').get('s1')).toEqual({ kind: 'rect' })
    expect(b.status).toEqual({ connection: 'offline', unsynced: 1 })
  })

  it('keeps a released document with unacknowledged changes syncing until the server has them', async () => {
    const server = await tandemServer()
    const client = testClient(server.url, {
      persistence: true,
      storagePrefix: `linger-${Date.now()}:`,
    })
    const handle = client.open('doc:linger')
    await handle.whenSynced
    client.disconnect()
    handle.doc.getText('t').insert(0, 'written, then closed while offline')
    handle.release()
    await Promise.resolve()
    expect(client.status.unsynced).toBe(1)
    expect(handle.doc.isDestroyed).toBe(false)

    client.connect()
    await clientStatus(client, (s) => s.unsynced === 0, 'the released document to sync')
    await until(() => handle.doc.isDestroyed, 'the released document to close once synced')
    expect((await server.stored('doc:linger')).getText('t').toString()).toBe(
      'written, then closed while offline',
    )
  })

  it('after a reload, syncs documents with unacknowledged changes without their being opened', async () => {
    const dataDir = await makeDataDir()
    onCleanup(() => removeDataDir(dataDir))
    let server = await startTandemServer({ dataDir })
    const port = server.port
    const prefix = `resume-${Date.now()}:`
    const first = testClient(server.url, { persistence: true, storagePrefix: prefix })
    const notes = first.open('doc:notes')
    const board = first.open('board:plan')
    const clean = first.open('doc:clean')
    await Promise.all([notes.whenSynced, board.whenSynced, clean.whenSynced])
    clean.doc.getText('t').insert(0, 'acknowledged before the outage')
    await clientStatus(first, (s) => s.unsynced === 0, 'clean ack')
    await server.close()
    await clientStatus(first, (s) => s.connection === 'offline', 'offline')
    notes.doc.getText('t').insert(0, 'offline notes')
    board.doc.getMap('shapes').set('s1', { kind: 'note' })
    board.doc.getMap('shapes').set('s2', { kind: 'arrow' })
    await first.destroy()

    // The reloaded app opens nothing: the client finds the two pending documents itself.
    const second = testClient(`ws://127.0.0.1:${port}/collab`, {
      persistence: true,
      storagePrefix: prefix,
    })
    await clientStatus(second, (s) => s.unsynced === 3, 'the restored count of both documents')
    server = await startTandemServer({ port, dataDir })
    onCleanup(() => server.close())
    await clientStatus(second, (s) => s.connection === 'online' && s.unsynced === 0, 'synced')
    expect((await server.stored('doc:notes')).getText('t').toString()).toBe('offline notes')
    expect((await server.stored('board:plan')).getMap('shapes').size).toBe(2)
  })

  it('counts edits made before the local copy is loaded, on top of the restored count', async () => {
    const prefix = `early-${Date.now()}:`
    const first = testClient('ws://127.0.0.1:9/collab', {
      persistence: true,
      storagePrefix: prefix,
      autoConnect: false,
    })
    const h1 = first.open('doc:early')
    await h1.whenLoaded
    h1.doc.getText('t').insert(0, 'one ')
    await first.destroy()

    const second = testClient('ws://127.0.0.1:9/collab', {
      persistence: true,
      storagePrefix: prefix,
      autoConnect: false,
    })
    const h2 = second.open('doc:early')
    h2.doc.getText('t').insert(0, 'two ')
    expect(h2.unsynced).toBe(1)
    await h2.whenLoaded
    expect(h2.unsynced).toBe(2)
    expect(h2.doc.getText('t').length).toBe(8)
  })
})
