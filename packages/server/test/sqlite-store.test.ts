import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SqliteConnection } from '../src/store/sqlite-database.js'
import { SqliteDatabase, SqliteUpdateStore } from '../src/index.js'
import { makeDataDir } from './support/helpers.js'
import { updateStoreSuite, type StoreFactory } from './support/update-store-suite.js'

function sqliteFactory(): StoreFactory {
  let dir: string | undefined
  const open = async (): Promise<SqliteUpdateStore> => {
    dir ??= await makeDataDir()
    return new SqliteUpdateStore({
      database: await SqliteDatabase.open(join(dir, 'tandem.sqlite')),
    })
  }
  return {
    create: open,
    reopen: open,
    cleanup: async () => {
      if (dir) await rm(dir, { recursive: true, force: true })
    },
  }
}

updateStoreSuite('SQLite', sqliteFactory)

describe('SQLite group commit', () => {
  it('stores N concurrent appends in far fewer transactions, each resolved only after its commit', async () => {
    const dir = await makeDataDir()
    const commits: number[] = []
    const database = await SqliteDatabase.open(join(dir, 'tandem.sqlite'))
    const store = new SqliteUpdateStore({ database, onCommit: (n) => commits.push(n) })
    try {
      const n = 500
      const resolvedAfter: number[] = []
      const writes = Array.from({ length: n }, (_, i) =>
        store
          .appendUpdate(`doc:g${i % 10}`, new Uint8Array([i & 255, 1]))
          .then(() => resolvedAfter.push(commits.length)),
      )
      await Promise.all(writes)
      expect(commits.reduce((a, b) => a + b, 0)).toBe(n)
      expect(commits.length).toBeLessThan(n / 10)
      // Every append resolved after at least one commit finished (its own).
      expect(Math.min(...resolvedAfter)).toBeGreaterThanOrEqual(1)
      // A second wave arriving while the first commits goes into later transactions.
      const first = store.appendUpdate('doc:late', new Uint8Array([1, 1]))
      const during = commits.length
      await first
      const second = Array.from({ length: 50 }, () =>
        store.appendUpdate('doc:late', new Uint8Array([2, 2])),
      )
      await Promise.all(second)
      expect(commits.length - during).toBeLessThanOrEqual(3)
      expect((await store.load('doc:late')).updates).toHaveLength(51)
    } finally {
      await store.close()
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('rejects every append of a failed transaction and stores none of them', async () => {
    const dir = await makeDataDir()
    const database = await SqliteDatabase.open(join(dir, 'tandem.sqlite'))
    const store = new SqliteUpdateStore({ database })
    try {
      // A doc name that is not text makes the whole multi-row INSERT fail (NOT NULL on doc).
      const good = store.appendUpdate('doc:ok', new Uint8Array([1, 2]))
      const bad = store.appendUpdate(null as unknown as string, new Uint8Array([3]))
      const results = await Promise.allSettled([good, bad])
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected'])
      expect((await store.load('doc:ok')).updates).toHaveLength(0)
      // The store keeps working afterwards.
      await store.appendUpdate('doc:ok', new Uint8Array([4, 5]))
      expect((await store.load('doc:ok')).updates).toHaveLength(1)
    } finally {
      await store.close()
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('migrates the log of a first-version data dir', async () => {
    const dir = await makeDataDir()
    const file = join(dir, 'tandem.sqlite')
    const old = await SqliteConnection.open(file)
    await old.exec(
      'CREATE TABLE updates (seq INTEGER PRIMARY KEY AUTOINCREMENT, doc TEXT NOT NULL, data BLOB NOT NULL)',
    )
    await old.run('INSERT INTO updates (doc, data) VALUES (?, ?), (?, ?)', [
      'doc:v1',
      Buffer.from([1]),
      'doc:v1',
      Buffer.from([2]),
    ])
    await old.close()
    const store = new SqliteUpdateStore({ database: await SqliteDatabase.open(file) })
    try {
      expect((await store.load('doc:v1')).updates.map((u) => Array.from(u))).toEqual([[1], [2]])
      await store.appendUpdate('doc:v1', new Uint8Array([3]))
      expect((await store.load('doc:v1')).updates.map((u) => Array.from(u))).toEqual([
        [1],
        [2],
        [3],
      ])
    } finally {
      await store.close()
      await rm(dir, { recursive: true, force: true })
    }
  })
})
