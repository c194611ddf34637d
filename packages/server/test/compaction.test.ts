import { describe, expect, it } from 'vitest'
import {
  connect,
  signToken,
  startServer,
  tearDownAfterEach,
  waitFor,
  waitForAcked,
  type TestServer,
} from './support/helpers.js'
import { storedDoc } from './support/stored.js'

describe('compaction', () => {
  let srv: TestServer
  const clients = tearDownAfterEach(() => srv)

  it('keeps content identical and bounds the log while editing', async () => {
    srv = await startServer({
      compaction: { maxLogEntries: 20, maxLogBytes: 1 << 30, idleMs: 60_000 },
    })
    const c = connect(srv.wsUrl, 'doc:compact', await signToken({ sub: 'a' }))
    clients.push(c)
    await waitFor(() => c.provider.isSynced, 'sync')
    const text = c.doc.getText('t')
    let maxLog = 0
    for (let i = 0; i < 150; i++) {
      text.insert(text.length, `line ${i}\n`)
      if (i % 7 === 3) text.delete(0, 2)
      await waitForAcked(c)
      maxLog = Math.max(maxLog, (await srv.server.store.load('doc:compact')).updates.length)
    }
    const stored = await srv.server.store.load('doc:compact')
    expect(stored.snapshot).not.toBeNull()
    // 150+ updates went in; the log never grew far past the threshold.
    expect(maxLog).toBeLessThan(45)
    expect(storedDoc(stored).getText('t').toString()).toBe(text.toString())
  })

  it('compacts when a document unloads, content identical', async () => {
    srv = await startServer()
    const c = connect(srv.wsUrl, 'doc:unload', await signToken({ sub: 'a' }))
    await waitFor(() => c.provider.isSynced, 'sync')
    for (let i = 0; i < 30; i++) {
      c.doc.getText('t').insert(0, `${i},`)
      await waitForAcked(c)
    }
    const expected = c.doc.getText('t').toString()
    expect((await srv.server.store.load('doc:unload')).updates.length).toBeGreaterThanOrEqual(30)
    c.destroy()
    await waitFor(() => srv.server.hocuspocus.documents.size === 0, 'unload')
    let stored = await srv.server.store.load('doc:unload')
    const deadline = Date.now() + 5000
    while (stored.updates.length > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20))
      stored = await srv.server.store.load('doc:unload')
    }
    expect(stored.updates).toHaveLength(0)
    expect(storedDoc(stored).getText('t').toString()).toBe(expected)
  })

  it('edits that race with a compaction are kept', async () => {
    srv = await startServer({
      compaction: { maxLogEntries: 5, maxLogBytes: 1 << 30, idleMs: 60_000 },
    })
    const writers = await Promise.all(
      [0, 1, 2].map(async (i) => {
        const c = connect(srv.wsUrl, 'doc:race', await signToken({ sub: `w${i}` }))
        clients.push(c)
        await waitFor(() => c.provider.isSynced, 'sync')
        return c
      }),
    )
    await Promise.all(
      writers.map(async (c, i) => {
        for (let n = 0; n < 40; n++) {
          c.doc.getMap('m').set(`${i}-${n}`, n)
          await waitForAcked(c)
        }
      }),
    )
    const restored = storedDoc(await srv.server.store.load('doc:race'))
    expect(restored.getMap('m').size).toBe(120)
  })
})
