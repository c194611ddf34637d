import { describe, expect, it } from 'vitest'
import { clientStatus, docStatus, onCleanup, testClient } from './harness.js'
import { startStockServer, storedDoc, type StockServer } from './stock-server.js'
import { until } from './wait.js'
import { expectRecoveryAfterRestart } from './restart-scenario.js'

// The client against a stock Hocuspocus 4 server (with an ack-after-store hook): nothing in
// the client depends on Tandem's server beyond the Hocuspocus protocol.

async function server(port = 0, store?: Map<string, Uint8Array[]>): Promise<StockServer> {
  const s = await startStockServer({ port, ...(store ? { store } : {}) })
  onCleanup(() => s.close())
  return s
}

const stock = { token: 'user:test' }

describe('against a stock Hocuspocus server', () => {
  it('comes back by itself after a server restart, with edits made meanwhile', async () => {
    const store = new Map<string, Uint8Array[]>()
    await expectRecoveryAfterRestart({
      start: (port) => startStockServer({ store, ...(port ? { port } : {}) }),
      stored: (_server, name) => storedDoc(store, name),
      client: stock,
    })
  })

  it('flags read-only documents and keeps their local changes counted', async () => {
    const s = await server()
    const writer = testClient(s.url, stock)
    const w = writer.open('doc:ro')
    await w.whenSynced
    w.doc.getText('t').insert(0, 'by writer')
    await clientStatus(writer, (st) => st.unsynced === 0, 'writer ack')

    const reader = testClient(s.url, { token: 'ro:reader' })
    const r = reader.open('doc:ro')
    await r.whenSynced
    await docStatus(r, (st) => st.readOnly, 'read-only flag')
    expect(r.doc.getText('t').toString()).toBe('by writer')
    r.doc.getText('t').insert(0, 'local only ')
    expect(r.unsynced).toBe(1)
    // Still live for reading.
    w.doc.getText('t').insert(9, '!')
    await until(() => r.doc.getText('t').toString().endsWith('by writer!'), 'reader to receive')
    expect(r.unsynced).toBe(1)
    expect(storedDoc(s.store, 'doc:ro').getText('t').toString()).toBe('by writer!')
  })
})
