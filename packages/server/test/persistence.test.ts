import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ORIGIN } from '@tandem/schema'
import {
  connect,
  signToken,
  startServer,
  waitFor,
  waitForAcked,
  type TestClient,
  type TestServer,
} from './support/helpers.js'

function restoreText(stored: { snapshot: Uint8Array | null; updates: Uint8Array[] }): string {
  const doc = new Y.Doc()
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
  for (const u of stored.updates) Y.applyUpdate(doc, u)
  return doc.getText('t').toString()
}

describe('persistence', () => {
  let srv: TestServer
  const clients: TestClient[] = []
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy()
    await srv?.stop()
  })

  it('persists server-originated changes (direct connections)', async () => {
    srv = await startServer()
    const direct = await srv.server.hocuspocus.openDirectConnection('doc:direct')
    await direct.transact((doc) => doc.getText('t').insert(0, 'written by the server'))
    await direct.disconnect()
    await waitFor(() => srv.server.hocuspocus.documents.size === 0, 'unload')
    expect(restoreText(await srv.server.store.load('doc:direct'))).toBe('written by the server')
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
    while (restoreText(lastStored) !== 'migrated' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20))
      lastStored = await srv.server.store.load('doc:mig')
    }
    expect(restoreText(lastStored)).toBe('migrated')
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
    expect(restoreText(await store.load('doc:fail'))).toBe('')
    // The disk recovers; the client's reconnect delivers the update it kept.
    store.appendUpdate = append
    await waitForAcked(c)
    expect(restoreText(await store.load('doc:fail'))).toBe('precious')
  })
})
