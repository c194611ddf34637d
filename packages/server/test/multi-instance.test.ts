import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { PostgresDatabase, PostgresUpdateStore } from '../src/index.js'
import { startBalancer, type TestBalancer } from './support/balancer.js'
import { buildServerApp, freePort, spawnServer, type ChildServer } from './support/child-server.js'
import { connect, signToken, waitFor, waitForAcked, type TestClient } from './support/helpers.js'
import { postgresBin, startPostgres, type TestPostgres } from './support/postgres.js'
import { hasRedis, startRedis, type TestRedis } from './support/redis-server.js'
import { storedText } from './support/stored.js'
import { chatDoc, inboxDoc } from '@tandem/schema'

const hasPostgres = postgresBin() !== undefined
if (!hasRedis || !hasPostgres) {
  console.warn('skipping multi-instance tests: redis-server or postgresql is not installed')
}

interface Instance {
  id: string
  port: number
  server: ChildServer
  wsUrl: string
  health(): Promise<Record<string, unknown>>
}

describe.skipIf(!hasRedis || !hasPostgres)(
  'several instances over Redis with one Postgres store (real redis-server and postgres)',
  () => {
    let postgres: TestPostgres
    let redis: TestRedis
    let dataDir: string
    const instances: Instance[] = []
    const clients: TestClient[] = []
    const balancers: TestBalancer[] = []

    beforeAll(async () => {
      buildServerApp()
      ;[postgres, redis] = await Promise.all([startPostgres(), startRedis()])
      dataDir = await mkdtemp(join(tmpdir(), 'tandem-multi-'))
    }, 120_000)
    afterEach(async () => {
      for (const c of clients.splice(0)) c.destroy()
      for (const b of balancers.splice(0)) await b.close()
      for (const i of instances.splice(0)) {
        i.server.child.kill('SIGKILL')
        await i.server.exited
      }
    })
    afterAll(async () => {
      await Promise.all([postgres?.stop(), redis?.stop()])
      if (dataDir) await rm(dataDir, { recursive: true, force: true })
    })

    async function start(id: string, databaseUrl: string): Promise<Instance> {
      const port = await freePort()
      const server = await spawnServer({
        PORT: String(port),
        TANDEM_DATA_DIR: join(dataDir, id),
        TANDEM_DATABASE_URL: databaseUrl,
        TANDEM_REDIS_URL: redis.url,
        TANDEM_INSTANCE_ID: id,
      })
      const instance: Instance = {
        id,
        port,
        server,
        wsUrl: `ws://127.0.0.1:${port}/collab`,
        health: async () =>
          (await (await fetch(`${server.url}/health`)).json()) as Record<string, unknown>,
      }
      instances.push(instance)
      return instance
    }

    function client(wsUrl: string, token: string): TestClient {
      const c = connect(wsUrl, 'doc:multi', token)
      clients.push(c)
      return c
    }

    async function stored(databaseUrl: string): Promise<{ text: string; rows: number }> {
      const store = new PostgresUpdateStore({
        database: await PostgresDatabase.open({ url: databaseUrl }),
      })
      try {
        const doc = await store.load('doc:multi')
        return { text: storedText(doc), rows: doc.updates.length }
      } finally {
        await store.close()
      }
    }

    const text = (c: TestClient): string => c.doc.getText('t').toString()
    const converged = (...cs: TestClient[]): boolean =>
      cs.every((c) => c.provider.isSynced) && new Set(cs.map(text)).size === 1

    it('clients on two instances converge, see each other, and each update is stored once', async () => {
      const databaseUrl = await postgres.createDatabase()
      const [a, b] = await Promise.all([start('a', databaseUrl), start('b', databaseUrl)])
      const token = await signToken({ sub: 'u' })
      const onA = client(a.wsUrl, token)
      const onB = client(b.wsUrl, token)
      await waitFor(() => onA.provider.isSynced && onB.provider.isSynced, 'both synced')
      // Concurrent edits, one update each, from both sides.
      for (let i = 0; i < 20; i++) {
        onA.doc.getText('t').insert(text(onA).length, `a${i};`)
        onB.doc.getText('t').insert(0, `b${i};`)
        await new Promise((r) => setTimeout(r, 2))
      }
      await Promise.all([waitForAcked(onA), waitForAcked(onB)])
      await waitFor(() => converged(onA, onB) && text(onA).includes('b19;'), 'convergence')

      onA.provider.setAwarenessField('user', { name: 'Ann' })
      onB.provider.setAwarenessField('user', { name: 'Bob' })
      await waitFor(
        () =>
          onB.provider.awareness?.getStates().get(onA.doc.clientID)?.user?.name === 'Ann' &&
          onA.provider.awareness?.getStates().get(onB.doc.clientID)?.user?.name === 'Bob',
        'presence across instances',
      )

      // 40 updates, 40 rows: the instance that relayed an update did not append it again.
      const inStore = await stored(databaseUrl)
      expect(inStore.text).toBe(text(onA))
      expect(inStore.rows).toBe(40)

      expect(await a.health()).toMatchObject({
        status: 'ok',
        instance: 'a',
        store: 'postgres',
        database: 'ok',
        redis: 'ok',
        mode: 'multi-instance',
      })
      const metrics = await (await fetch(`${b.server.url}/metrics`)).text()
      expect(metrics).toMatch(/tandem_connections\{instance="b"\} 1/)
    })

    it('a mention on one instance notifies once, seen live on the other; a forged author notifies nobody', async () => {
      const databaseUrl = await postgres.createDatabase()
      const [a, b] = await Promise.all([start('a', databaseUrl), start('b', databaseUrl)])
      const bobToken = await signToken({ sub: 'bob' })
      const bobInbox = connect(b.wsUrl, 'inbox:bob', bobToken)
      // Bob has the room open on b too, so b loads it and sees the messages over Redis.
      const bobChat = connect(b.wsUrl, 'chat:plan', bobToken)
      const adaChat = connect(a.wsUrl, 'chat:plan', await signToken({ sub: 'ada', name: 'Ada' }))
      clients.push(bobInbox, bobChat, adaChat)
      await waitFor(
        () => [bobInbox, bobChat, adaChat].every((c) => c.provider.isSynced),
        'all synced',
      )
      // Written in someone else's name first: neither instance may notify for it.
      chatDoc(adaChat.doc).send({ author: { id: 'cy', name: 'Cy' }, body: `forged <@bob>` })
      chatDoc(adaChat.doc).send({ author: { id: 'ada', name: 'Ada' }, body: `lunch <@bob>?` })
      await waitForAcked(adaChat)
      await waitFor(() => chatDoc(bobChat.doc).length === 2, 'both messages reach b')
      await waitFor(() => inboxDoc(bobInbox.doc).list().length > 0, 'the mention, across instances')
      // A wrong notification from b would follow within milliseconds: give it a moment to show.
      await new Promise((r) => setTimeout(r, 500))
      expect(
        inboxDoc(bobInbox.doc)
          .list()
          .map((n) => [n.kind, n.actor.id]),
      ).toEqual([['mention', 'ada']])
    })

    it('kill -9 of one instance loses nothing acknowledged; its clients move over; a new instance serves it all', async () => {
      const databaseUrl = await postgres.createDatabase()
      const [a, b] = await Promise.all([start('a', databaseUrl), start('b', databaseUrl)])
      const balancer = await startBalancer([a.port, b.port])
      balancers.push(balancer)
      const token = await signToken({ sub: 'w' })
      const viaBalancer = `ws://127.0.0.1:${balancer.port}/collab`
      const writers = [client(viaBalancer, token), client(viaBalancer, token)]
      await waitFor(() => writers.every((w) => w.provider.isSynced), 'initial sync')
      expect([(await a.health()).connections, (await b.health()).connections]).toEqual([1, 1])

      // Each writer types a marker, waits for its ack (bounded), and records it when acked.
      const acked: string[][] = [[], []]
      let editing = true
      const loops = writers.map(async (w, i) => {
        for (let n = 0; editing; n++) {
          const marker = `<${i}.${n}>`
          w.doc.getText('t').insert(text(w).length, marker)
          const deadline = Date.now() + 15_000
          while (editing && w.provider.unsyncedChanges > 0 && Date.now() < deadline) {
            await new Promise((r) => setTimeout(r, 2))
          }
          if (w.provider.unsyncedChanges === 0) acked[i]!.push(marker)
        }
      })
      try {
        await waitFor(() => acked.every((m) => m.length >= 10), 'acknowledged edits', 20_000)
        a.server.child.kill('SIGKILL')
        expect((await a.server.exited).signal).toBe('SIGKILL')
        const before = acked.map((m) => m.length)
        // Both writers go on being acknowledged: the one on `a` through `b` now.
        await waitFor(
          () => acked.every((m, i) => m.length >= before[i]! + 10),
          'edits acknowledged after the kill',
          20_000,
        )
      } finally {
        editing = false
        await Promise.all(loops)
      }
      expect([(await b.health()).connections]).toEqual([2])

      // Acknowledged = committed in Postgres: every acked marker is there already.
      const inStore = await stored(databaseUrl)
      for (const m of acked.flat()) expect(inStore.text).toContain(m)

      await waitFor(
        () => converged(...writers) && writers.every((w) => w.provider.unsyncedChanges === 0),
        'writers converged',
        20_000,
      )
      // A third instance, started now, serves the whole document; the store holds all of it.
      const c = await start('c', databaseUrl)
      const reader = client(c.wsUrl, token)
      await waitFor(() => converged(reader, ...writers), 'the new instance serves everything')
      expect((await stored(databaseUrl)).text).toBe(text(reader))
    })

    it('recovers from a Redis restart without restarting the instances', async () => {
      const databaseUrl = await postgres.createDatabase()
      const [a, b] = await Promise.all([start('a', databaseUrl), start('b', databaseUrl)])
      const token = await signToken({ sub: 'r' })
      const onA = client(a.wsUrl, token)
      const onB = client(b.wsUrl, token)
      await waitFor(() => onA.provider.isSynced && onB.provider.isSynced, 'both synced')
      onA.doc.getText('t').insert(0, 'before ')
      await waitFor(() => converged(onA, onB) && text(onB) === 'before ', 'first relay')

      await redis.kill()
      // Still storing (Postgres), only not relaying; health says which part is missing.
      onA.doc.getText('t').insert(text(onA).length, 'from-a ')
      onB.doc.getText('t').insert(0, 'from-b ')
      await Promise.all([waitForAcked(onA), waitForAcked(onB)])
      const health = await a.health()
      expect(health).toMatchObject({ status: 'ok', database: 'ok', redis: 'unreachable' })
      expect(text(onA)).not.toContain('from-b')

      await redis.restart()
      // No edit needed: each instance republishes its documents' state once Redis is back.
      await waitFor(
        () => converged(onA, onB) && text(onA).includes('from-a') && text(onA).includes('from-b'),
        'convergence after the Redis restart',
        20_000,
      )
      onB.provider.setAwarenessField('user', { name: 'Back' })
      await waitFor(
        () => onA.provider.awareness?.getStates().get(onB.doc.clientID)?.user?.name === 'Back',
        'presence after the Redis restart',
      )
      expect((await a.health()).redis).toBe('ok')
      expect((await stored(databaseUrl)).text).toBe(text(onA))
    })
  },
)
