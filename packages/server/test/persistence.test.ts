import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ORIGIN } from '@tandem/schema'
import { join } from 'node:path'
import { SqliteConnection } from '../src/store/sqlite-database.js'
import { authFrame, openRaw, updateFrame } from './support/raw-socket.js'
import {
  connect,
  signToken,
  startServer,
  tearDownAfterEach,
  waitFor,
  waitForAcked,
  type TestServer,
} from './support/helpers.js'
import { storedText } from './support/stored.js'

describe('persistence', () => {
  let srv: TestServer
  const clients = tearDownAfterEach(() => srv)

  it('persists server-originated changes (direct connections)', async () => {
    srv = await startServer()
    const direct = await srv.server.hocuspocus.openDirectConnection('doc:direct')
    await direct.transact((doc) => doc.getText('t').insert(0, 'written by the server'))
    await direct.disconnect()
    await waitFor(() => srv.server.hocuspocus.documents.size === 0, 'unload')
    expect(storedText(await srv.server.store.load('doc:direct'))).toBe('written by the server')
  })

  it('persists a migration applied in place with the migration origin', async () => {
    srv = await startServer()
    const c = connect(srv.wsUrl, 'doc:mig', await signToken({ sub: 'a' }))
    clients.push(c)
    await waitFor(() => c.provider.isSynced, 'sync')
    const document = srv.server.hocuspocus.documents.get('doc:mig')
    document?.transact(() => document.getText('t').insert(0, 'migrated'), ORIGIN.migration)
    await waitFor(() => c.doc.getText('t').toString() === 'migrated', 'client sees the migration')
    let lastStored = await srv.server.store.load('doc:mig')
    const deadline = Date.now() + 5000
    while (storedText(lastStored) !== 'migrated' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20))
      lastStored = await srv.server.store.load('doc:mig')
    }
    expect(storedText(lastStored)).toBe('migrated')
  })

  it('never acknowledges an update it could not store; the client resends it after reconnecting', async () => {
    srv = await startServer()
    const c = connect(srv.wsUrl, 'doc:fail', await signToken({ sub: 'a' }))
    clients.push(c)
    await waitFor(() => c.provider.isSynced, 'sync')
    // Fault injection on the real store: the disk "fills up".
    const store = srv.server.store
    const append = store.appendUpdate.bind(store)
    store.appendUpdate = () => Promise.reject(new Error('SQLITE_FULL: database or disk is full'))
    c.doc.getText('t').insert(0, 'precious')
    await waitFor(() => c.closes.some((e) => e.code === 4500), 'storage-failed close')
    expect(c.closes.find((e) => e.code === 4500)?.reason).toBe('storage-failed')
    expect(c.provider.unsyncedChanges).toBeGreaterThan(0)
    expect(storedText(await store.load('doc:fail'))).toBe('')
    // The disk recovers; the client's reconnect delivers the update it kept.
    store.appendUpdate = append
    await waitForAcked(c)
    expect(storedText(await store.load('doc:fail'))).toBe('precious')
  })

  it('relays an update to peers at once but acknowledges it to its sender only once stored', async () => {
    srv = await startServer()
    const token = await signToken({ sub: 'a' })
    const writer = connect(srv.wsUrl, 'doc:gate', token)
    const reader = connect(srv.wsUrl, 'doc:gate', token)
    clients.push(writer, reader)
    await waitFor(() => writer.provider.isSynced && reader.provider.isSynced, 'sync')
    // The disk is slow: commits wait until the test lets them through.
    const store = srv.server.store
    const append = store.appendUpdate.bind(store)
    let release!: () => void
    const slowDisk = new Promise<void>((resolve) => (release = resolve))
    store.appendUpdate = async (doc, bytes) => {
      await slowDisk
      return append(doc, bytes)
    }
    writer.doc.getText('t').insert(0, 'fast relay')
    await waitFor(() => reader.doc.getText('t').toString() === 'fast relay', 'relayed to the peer')
    // Relayed, but not stored: no acknowledgement yet.
    expect(writer.provider.unsyncedChanges).toBeGreaterThan(0)
    expect(storedText(await store.load('doc:gate'))).toBe('')
    release()
    await waitForAcked(writer)
    expect(storedText(await store.load('doc:gate'))).toBe('fast relay')
    store.appendUpdate = append
  })

  it('refuses a document whose stored data cannot be read, keeps serving others, writes nothing', async () => {
    srv = await startServer()
    // Damage on disk: a row no Yjs update decoder accepts.
    const db = await SqliteConnection.open(join(srv.dataDir, 'tandem.sqlite'))
    await db.run('INSERT INTO update_log (doc, seq, data) VALUES (?, ?, ?)', [
      'doc:broken',
      1_000_000,
      Buffer.from([5, 200, 1, 2, 3]),
    ])
    await db.close()
    const token = await signToken({ sub: 'a' })
    const broken = connect(srv.wsUrl, 'doc:broken', token)
    const fine = connect(srv.wsUrl, 'doc:fine', token)
    clients.push(broken, fine)
    await waitFor(() => broken.denied.length > 0 && fine.provider.isSynced, 'refusal and sync')
    expect(broken.denied[0]).toBe('storage-failed')
    fine.doc.getText('t').insert(0, 'still served')
    await waitForAcked(fine)
    expect((await srv.server.store.load('doc:broken')).updates).toHaveLength(1)
  })

  it("stores one connection's queued updates together, acknowledging each only once stored", async () => {
    srv = await startServer()
    const raw = await openRaw(srv.wsUrl)
    raw.ws.send(authFrame('doc:burst', await signToken({ sub: 'b' })))
    await waitFor(() => raw.received.length > 0, 'authenticated')
    const commitsBefore = commitCount(await (await fetch(`${srv.url}/metrics`)).text())
    const doc = new Y.Doc()
    const n = 60
    for (let i = 0; i < n; i++) {
      const before = Y.encodeStateVector(doc)
      doc.getText('t').insert(doc.getText('t').length, `${i},`)
      raw.ws.send(updateFrame('doc:burst', Y.encodeStateAsUpdate(doc, before)))
    }
    const acks = () => raw.received.filter((m) => isSyncStatus(m, 'doc:burst')).length
    await waitFor(() => acks() === n, `${n} acknowledgements`)
    expect(storedText(await srv.server.store.load('doc:burst'))).toBe(doc.getText('t').toString())
    const commits = commitCount(await (await fetch(`${srv.url}/metrics`)).text()) - commitsBefore
    // One connection's updates did not wait for each other's commits.
    expect(commits).toBeLessThan(n / 3)
    raw.ws.close()
  })
})

function commitCount(metrics: string): number {
  return Number(/^tandem_store_commit_seconds_count (\d+)/m.exec(metrics)?.[1] ?? 0)
}

// SyncStatus (type 8) addressed to `doc`: varString address, varUint type.
function isSyncStatus(message: Uint8Array, doc: string): boolean {
  return message[0] === doc.length && message[doc.length + 1] === 8
}
