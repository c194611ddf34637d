import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  connect,
  signToken,
  startServer,
  waitFor,
  type TestClient,
  type TestServer,
} from './support/helpers.js'
import { postgresBin, startPostgres, type TestPostgres } from './support/postgres.js'
import { hasRedis, startRedis, type TestRedis } from './support/redis-server.js'
import { storedText } from './support/stored.js'

const hasPostgres = postgresBin() !== undefined

describe.skipIf(!hasRedis || !hasPostgres)(
  'two in-process instances on one Postgres store and one Redis',
  () => {
    let postgres: TestPostgres
    let redis: TestRedis
    beforeAll(async () => {
      ;[postgres, redis] = await Promise.all([startPostgres(), startRedis()])
    })
    afterAll(async () => {
      await Promise.all([postgres?.stop(), redis?.stop()])
    })

    it('/health answers 503 with database "unreachable" once Postgres is gone', async () => {
      const own = await startPostgres()
      const server = await startServer({ databaseUrl: await own.createDatabase() })
      try {
        const before = await fetch(`${server.url}/health`)
        expect(before.status).toBe(200)
        expect(await before.json()).toMatchObject({ store: 'postgres', database: 'ok' })
        await own.stop()
        const after = await fetch(`${server.url}/health`)
        expect(after.status).toBe(503)
        expect(await after.json()).toMatchObject({ status: 'unavailable', database: 'unreachable' })
      } finally {
        await server.stop()
        await own.stop()
      }
    })

    it('a server-side write (direct connection) on one instance is stored once', async () => {
      const databaseUrl = await postgres.createDatabase()
      const options = { databaseUrl, redisUrl: redis.url }
      const a: TestServer = await startServer(options)
      const b: TestServer = await startServer(options)
      const clients: TestClient[] = []
      try {
        const token = await signToken({ sub: 'n' })
        // Both instances hold the document (a client on each), as with a user's inbox open twice.
        clients.push(connect(a.wsUrl, 'doc:notice', token), connect(b.wsUrl, 'doc:notice', token))
        await waitFor(() => clients.every((c) => c.provider.isSynced), 'both synced')
        const direct = await a.server.hocuspocus.openDirectConnection('doc:notice')
        await direct.transact((doc) => doc.getText('t').insert(0, 'notified'))
        await direct.disconnect()
        await waitFor(
          () => clients.every((c) => c.doc.getText('t').toString() === 'notified'),
          'the write reached both instances',
        )
        const stored = await b.server.store.load('doc:notice')
        expect(storedText(stored)).toBe('notified')
        expect(stored.updates).toHaveLength(1)
      } finally {
        for (const c of clients) c.destroy()
        await Promise.all([a.stop(), b.stop()])
      }
    })

    it('both instances compacting one shared log (thresholds reached on each) lose nothing', async () => {
      const databaseUrl = await postgres.createDatabase()
      const options = {
        databaseUrl,
        redisUrl: redis.url,
        compaction: { maxLogEntries: 5, idleMs: 50 },
      }
      const a: TestServer = await startServer(options)
      const b: TestServer = await startServer(options)
      const clients: TestClient[] = []
      try {
        const token = await signToken({ sub: 'c' })
        const [onA, onB] = [
          connect(a.wsUrl, 'doc:compact', token),
          connect(b.wsUrl, 'doc:compact', token),
        ]
        clients.push(onA, onB)
        await waitFor(() => onA.provider.isSynced && onB.provider.isSynced, 'both synced')
        for (let i = 0; i < 60; i++) {
          const writer = i % 2 ? onA : onB
          writer.doc.getText('t').insert(writer.doc.getText('t').length, `${i};`)
          if (i % 10 === 9) await new Promise((r) => setTimeout(r, 20))
        }
        await waitFor(
          () =>
            clients.every((c) => c.provider.unsyncedChanges === 0) &&
            onA.doc.getText('t').toString() === onB.doc.getText('t').toString() &&
            onA.doc.getText('t').toString().split(';').length === 61,
          'acked and converged',
        )
        const expected = onA.doc.getText('t').toString()
        // Compactions (on either instance) settle: the log shrinks to few entries behind a snapshot.
        let stored = await b.server.store.load('doc:compact')
        const deadline = Date.now() + 10_000
        while ((stored.snapshot === null || stored.updates.length > 5) && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 50))
          stored = await b.server.store.load('doc:compact')
        }
        expect(stored.snapshot).not.toBeNull()
        expect(stored.updates.length).toBeLessThanOrEqual(5)
        expect(storedText(stored)).toBe(expected)
      } finally {
        for (const c of clients) c.destroy()
        await Promise.all([a.stop(), b.stop()])
      }
    })

    it('an instance acks a client that moved to it only once what it got over Redis is stored', async () => {
      const databaseUrl = await postgres.createDatabase()
      const options = { databaseUrl, redisUrl: redis.url }
      const a: TestServer = await startServer(options)
      const b: TestServer = await startServer(options)
      const clients: TestClient[] = []
      // Instance a relays every update at once but never commits one: as if it died right after
      // relaying, before its append reached Postgres.
      let fail!: (error: Error) => void
      const never = new Promise<void>((_, reject) => (fail = reject))
      never.catch(() => undefined)
      a.server.store.appendUpdate = () => never
      try {
        const token = await signToken({ sub: 'm' })
        const doc = new Y.Doc()
        const first = connect(a.wsUrl, 'doc:relay', token, { doc })
        const peer = connect(b.wsUrl, 'doc:relay', token)
        clients.push(first, peer)
        await waitFor(() => first.provider.isSynced && peer.provider.isSynced, 'both synced')
        doc.getText('t').insert(0, 'only relayed')
        await waitFor(() => peer.doc.getText('t').toString() === 'only relayed', 'relay to b')
        expect(first.provider.unsyncedChanges).toBeGreaterThan(0)

        // The client moves to b (same document, same unacknowledged change). b holds the
        // change already, so the client's sync step 2 adds nothing, and yet its ack says "stored".
        first.destroy()
        const moved = connect(b.wsUrl, 'doc:relay', token, { doc })
        clients.push(moved)
        await waitFor(
          () => moved.provider.isSynced && moved.provider.unsyncedChanges === 0,
          'ack from b',
        )
        expect(storedText(await b.server.store.load('doc:relay'))).toBe('only relayed')
      } finally {
        for (const c of clients) c.destroy()
        fail(new Error('test over'))
        await Promise.all([a.stop(), b.stop()])
      }
    })
  },
)
