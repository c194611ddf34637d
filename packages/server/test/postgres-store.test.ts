import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PostgresDatabase, PostgresMemberships, PostgresUpdateStore } from '../src/index.js'
import { postgresBin, startPostgres, type TestPostgres } from './support/postgres.js'
import { updateStoreSuite, type StoreFactory } from './support/update-store-suite.js'

const hasPostgres = postgresBin() !== undefined
if (!hasPostgres) console.warn('skipping Postgres store tests: postgresql is not installed')

let cluster: TestPostgres | undefined

function postgresFactory(): StoreFactory {
  let url: string | undefined
  const open = async (): Promise<PostgresUpdateStore> => {
    url ??= await cluster!.createDatabase()
    return new PostgresUpdateStore({ database: await PostgresDatabase.open({ url }) })
  }
  return { create: open, reopen: open, cleanup: async () => undefined }
}

describe.skipIf(!hasPostgres)('Postgres store (real postgres from the Debian package)', () => {
  beforeAll(async () => {
    cluster = await startPostgres()
  })
  afterAll(async () => {
    await cluster?.stop()
  })

  updateStoreSuite('Postgres', postgresFactory)

  it('two stores on one database (two instances) interleave appends without losing one to compaction', async () => {
    const url = await cluster!.createDatabase()
    const a = new PostgresUpdateStore({ database: await PostgresDatabase.open({ url }) })
    const b = new PostgresUpdateStore({ database: await PostgresDatabase.open({ url }) })
    const id = (u: Uint8Array): number => u[0]! + (u[1]! << 8)
    try {
      const writes: Promise<void>[] = []
      let compaction: Promise<Uint8Array[]> | undefined
      for (let i = 0; i < 300; i++) {
        writes.push((i % 2 ? a : b).appendUpdate('doc:shared', new Uint8Array([i & 255, i >> 8])))
        // A compaction while appends from both stores are in flight: it folds what it read (the
        // snapshot is only a marker here) and deletes exactly that, never a later append.
        if (i === 150) {
          compaction = writes[0]!.then(async () => {
            const seen = await a.load('doc:shared')
            await b.writeSnapshot('doc:shared', new Uint8Array([255]), seen.lastSeq)
            return seen.updates
          })
        }
      }
      await Promise.all(writes)
      const folded = (await compaction!).map(id)
      const kept = (await a.load('doc:shared')).updates.map(id)
      expect(folded.length).toBeGreaterThan(0)
      expect(kept.filter((k) => folded.includes(k))).toEqual([])
      expect([...folded, ...kept].sort((x, y) => x - y)).toEqual(
        Array.from({ length: 300 }, (_, i) => i),
      )
    } finally {
      await a.close()
      await b.close()
    }
  })

  it('lets one process at a time compact a document', async () => {
    const url = await cluster!.createDatabase()
    const a = new PostgresUpdateStore({ database: await PostgresDatabase.open({ url }) })
    const b = new PostgresUpdateStore({ database: await PostgresDatabase.open({ url }) })
    try {
      let release!: () => void
      const held = new Promise<void>((r) => (release = r))
      let entered!: () => void
      const inside = new Promise<void>((r) => (entered = r))
      const first = a.compactExclusively('doc:c', async () => {
        entered()
        await held
      })
      await inside
      expect(await b.compactExclusively('doc:c', async () => undefined)).toBe(false)
      // Other documents are not blocked.
      expect(await b.compactExclusively('doc:other', async () => undefined)).toBe(true)
      release()
      expect(await first).toBe(true)
      expect(await b.compactExclusively('doc:c', async () => undefined)).toBe(true)
    } finally {
      await a.close()
      await b.close()
    }
  })

  it('queues compactions beyond maxCompactions instead of taking the whole pool', async () => {
    const url = await cluster!.createDatabase()
    const store = new PostgresUpdateStore({
      database: await PostgresDatabase.open({ url, maxConnections: 4 }),
      maxCompactions: 2,
    })
    try {
      let running = 0
      let most = 0
      // 12 compactions of different documents at once, each using a second connection inside.
      const runs = Array.from({ length: 12 }, (_, i) =>
        store.compactExclusively(`doc:q${i}`, async () => {
          most = Math.max(most, ++running)
          await store.load(`doc:q${i}`)
          await store.appendUpdate(`doc:q${i}`, new Uint8Array([i]))
          running--
        }),
      )
      expect(await Promise.all(runs)).toEqual(Array(12).fill(true))
      expect(most).toBe(2)
    } finally {
      await store.close()
    }
  })

  it('memberships: roles round-trip, and of two instances claiming a new document one wins', async () => {
    const url = await cluster!.createDatabase()
    const [da, db] = await Promise.all([
      PostgresDatabase.open({ url }),
      PostgresDatabase.open({ url }),
    ])
    try {
      const a = new PostgresMemberships(da)
      const b = new PostgresMemberships(db)
      await a.setRole('doc:m', 'ann', 'viewer')
      await b.setRole('doc:m', 'ann', 'editor')
      expect(await a.roleOf('doc:m', 'ann')).toBe('editor')
      expect(await a.roleOf('doc:m', 'nobody')).toBeUndefined()
      for (let i = 0; i < 5; i++) {
        const claims = await Promise.all([
          a.claimOwnerIfUnowned(`doc:new${i}`, 'ann'),
          b.claimOwnerIfUnowned(`doc:new${i}`, 'bob'),
        ])
        expect(claims.filter(Boolean)).toHaveLength(1)
        const owners = await Promise.all([
          a.roleOf(`doc:new${i}`, 'ann'),
          a.roleOf(`doc:new${i}`, 'bob'),
        ])
        expect(owners.filter((r) => r === 'owner')).toHaveLength(1)
      }
    } finally {
      await Promise.all([da.close(), db.close()])
    }
  })

  it('refuses a malformed URL and an unreachable server with a clear error', async () => {
    await expect(PostgresDatabase.open({ url: 'not a url' })).rejects.toThrow(
      /database URL is not a URL/,
    )
    await expect(PostgresDatabase.open({ url: 'mysql://localhost/x' })).rejects.toThrow(
      /must start with postgres:\/\//,
    )
    await expect(
      PostgresDatabase.open({
        url: 'postgres://tandem:secret@127.0.0.1:1/x',
        connectTimeoutMs: 2_000,
      }),
    ).rejects.toThrow(
      /cannot use the Postgres database at postgres:\/\/tandem:\*\*\*@127\.0\.0\.1:1\/x/,
    )
  })
})
