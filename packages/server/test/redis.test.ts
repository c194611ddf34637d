import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chatDoc, mentionToken } from '@tandem/schema'
import {
  connect,
  signToken,
  startServer,
  waitFor,
  waitForAcked,
  type TestClient,
  type TestServer,
} from './support/helpers.js'
import { hasRedis, REDIS_SERVER, startRedis, type TestRedis } from './support/redis-server.js'
import { openStream, type SseStream } from './support/sse.js'
import { storedText } from './support/stored.js'

if (!hasRedis) console.warn(`skipping multi-instance tests: ${REDIS_SERVER} is not installed`)

// Each instance with its own SQLite file; the shared Postgres store is in multi-instance.test.ts.
describe.skipIf(!hasRedis)('multi-instance mode with SQLite (real redis-server)', () => {
  let redis: TestRedis
  let redisUrl: string
  beforeAll(async () => {
    redis = await startRedis()
    redisUrl = redis.url
  })
  afterAll(async () => {
    await redis?.stop()
  })

  it('two instances relay edits and presence of one document and both store them', async () => {
    const servers: TestServer[] = [await startServer({ redisUrl }), await startServer({ redisUrl })]
    const clients: TestClient[] = []
    try {
      const token = await signToken({ sub: 'r' })
      const [s1, s2] = servers as [TestServer, TestServer]
      const a = connect(s1.wsUrl, 'doc:shared', token)
      const b = connect(s2.wsUrl, 'doc:shared', token)
      clients.push(a, b)
      await waitFor(() => a.provider.isSynced && b.provider.isSynced, 'both synced')
      a.doc.getText('t').insert(0, 'from one ')
      b.doc.getText('t').insert(0, 'from two ')
      await waitForAcked(a)
      await waitForAcked(b)
      await waitFor(
        () =>
          a.doc.getText('t').toString() === b.doc.getText('t').toString() &&
          a.doc.getText('t').length === 18,
        'convergence across instances',
      )
      a.provider.setAwarenessField('user', { name: 'A' })
      await waitFor(
        () => b.provider.awareness?.getStates().get(a.doc.clientID)?.user?.name === 'A',
        'presence across instances',
      )

      // Each instance stored the full document in its own data dir.
      for (const s of servers) {
        let text = ''
        const deadline = Date.now() + 10_000
        while (text.length !== 18 && Date.now() < deadline) {
          const stored = await s.server.store.load('doc:shared')
          text = storedText(stored)
          if (text.length !== 18) await new Promise((r) => setTimeout(r, 20))
        }
        expect(text).toBe(a.doc.getText('t').toString())
      }
      const health = (await (await fetch(`${s1.url}/health`)).json()) as { mode: string }
      expect(health.mode).toBe('multi-instance')
    } finally {
      for (const c of clients) c.destroy()
      for (const s of servers) await s.stop()
    }
  })

  it('a mention made on one instance is one mention event, there only', async () => {
    const api = { eventDebounceMs: 20 }
    const servers: TestServer[] = [
      await startServer({ redisUrl, api }),
      await startServer({ redisUrl, api }),
    ]
    const clients: TestClient[] = []
    const streams: SseStream[] = []
    try {
      const token = await signToken({ sub: 'ann', name: 'Ann', roles: { '*': 'editor' } })
      const [s1, s2] = servers as [TestServer, TestServer]
      const a = connect(s1.wsUrl, 'chat:m', token)
      const b = connect(s2.wsUrl, 'chat:m', token)
      clients.push(a, b)
      await waitFor(() => a.provider.isSynced && b.provider.isSynced, 'both synced')
      for (const s of servers) {
        streams.push(
          await openStream(`${s.url}/api/events?docs=doc:m`, { authorization: `Bearer ${token}` }),
        )
      }
      const [one, two] = streams as [SseStream, SseStream]
      chatDoc(a.doc).send({ author: { id: 'ann', name: 'Ann' }, body: `hi ${mentionToken('bo')}` })
      // The second instance has applied the relayed message once its stream reports it.
      await waitFor(() => two.events.some((e) => e.event === 'chat'), 'the relayed chat event')
      await waitFor(() => one.events.some((e) => e.event === 'mention'), 'the mention event')
      await waitFor(() => chatDoc(b.doc).length === 1, 'the message reaches the other client')
      expect(one.events.filter((e) => e.event === 'mention')).toHaveLength(1)
      expect(two.events.filter((e) => e.event === 'mention')).toEqual([])
    } finally {
      for (const s of streams) s.close()
      for (const c of clients) c.destroy()
      for (const s of servers) await s.stop()
    }
  })
})
