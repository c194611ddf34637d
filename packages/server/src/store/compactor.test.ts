import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createJsonLogger } from '../logger.js'
import { Compactor } from './compactor.js'
import { SqliteDatabase } from './sqlite-database.js'
import { SqliteUpdateStore } from './sqlite-update-store.js'

describe('Compactor', () => {
  let dir: string
  let store: SqliteUpdateStore
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tandem-compactor-'))
    store = new SqliteUpdateStore({ database: await SqliteDatabase.open(join(dir, 'db.sqlite')) })
  })
  afterEach(async () => {
    await store.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('waits until the log of a big document is worth folding (amortised O(update) writes)', async () => {
    const compactor = new Compactor({
      store,
      thresholds: { maxLogEntries: 10, maxLogBytes: 1 << 30, idleMs: 60_000 },
      logger: createJsonLogger({ level: 'silent' }),
    })
    const doc = new Y.Doc()
    doc.getText('t').insert(0, 'x'.repeat(40_000))
    const snapshot = Y.encodeStateAsUpdate(doc)
    await store.writeSnapshot('doc:big', snapshot, 0)
    compactor.noteLoaded('doc:big', snapshot.byteLength, 0, 0)
    const append = async () => {
      const before = Y.encodeStateVector(doc)
      doc.getText('t').insert(0, 'y')
      const update = Y.encodeStateAsUpdate(doc, before)
      await store.appendUpdate('doc:big', update)
      compactor.noteAppend('doc:big', update.byteLength)
    }
    // 50 small updates are far less than 1/8 of a 40 KB snapshot: no compaction yet.
    for (let i = 0; i < 50; i++) await append()
    await compactor.close()
    expect((await store.load('doc:big')).updates).toHaveLength(50)

    const eager = new Compactor({
      store,
      thresholds: { maxLogEntries: 10, maxLogBytes: 1 << 30, idleMs: 60_000 },
      logger: createJsonLogger({ level: 'silent' }),
    })
    eager.noteLoaded('doc:big', snapshot.byteLength, 50, 50 * 20)
    // Once the log reaches 1/8 of the snapshot, it is folded, content identical.
    eager.noteAppend('doc:big', snapshot.byteLength / 8)
    await eager.close()
    const stored = await store.load('doc:big')
    expect(stored.updates).toHaveLength(0)
    const restored = new Y.Doc()
    if (stored.snapshot) Y.applyUpdate(restored, stored.snapshot)
    expect(restored.getText('t').toString()).toBe(doc.getText('t').toString())
  })
})
