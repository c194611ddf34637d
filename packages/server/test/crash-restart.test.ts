import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { buildServerApp, freePort, spawnServer, type ChildServer } from './support/child-server.js'
import { connect, signToken, startServer, waitFor, type TestClient } from './support/helpers.js'

describe('durability across restarts', () => {
  let dataDir: string
  beforeAll(async () => {
    buildServerApp()
    dataDir = await mkdtemp(join(tmpdir(), 'tandem-crash-'))
  }, 120_000)
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true })
  })

  it('a clean restart brings every document back', async () => {
    const first = await startServer({ dataDir: join(dataDir, 'clean') })
    const token = await signToken({ sub: 'a' })
    const names = ['doc:one', 'board:two', 'chat:three']
    const writers = names.map((name) => connect(first.wsUrl, name, token))
    for (const [i, w] of writers.entries()) {
      await waitFor(() => w.provider.isSynced, 'sync')
      w.doc.getText('t').insert(0, `content of ${names[i]}`)
      await waitFor(() => w.provider.unsyncedChanges === 0, 'ack')
    }
    for (const w of writers) w.destroy()
    await first.stop({ keepData: true })

    const second = await startServer({ dataDir: join(dataDir, 'clean') })
    try {
      for (const name of names) {
        const reader = connect(second.wsUrl, name, token)
        await waitFor(() => reader.provider.isSynced, 'sync after restart')
        expect(reader.doc.getText('t').toString()).toBe(`content of ${name}`)
        reader.destroy()
      }
    } finally {
      await second.stop()
    }
  })

  it('kill -9 during edits from 3 clients loses no acknowledged update; all converge', async () => {
    const port = await freePort()
    const env = { PORT: String(port), TANDEM_DATA_DIR: join(dataDir, 'crash') }
    let server: ChildServer = await spawnServer(env)
    const wsUrl = `ws://127.0.0.1:${port}/collab`
    const token = await signToken({ sub: 'w' })
    const clients: TestClient[] = [0, 1, 2].map(() => connect(wsUrl, 'doc:crash', token))
    const acked: string[][] = [[], [], []]
    let editing = true
    try {
      await waitFor(() => clients.every((c) => c.provider.isSynced), 'initial sync')
      // Each client types a marker, waits for the server's ack, and records it as acknowledged.
      const loops = clients.map(async (c, i) => {
        for (let n = 0; editing; n++) {
          const marker = `<${i}.${n}>`
          c.doc.getText('t').insert(c.doc.getText('t').length, marker)
          const deadline = Date.now() + 5000
          while (editing && c.provider.unsyncedChanges > 0 && Date.now() < deadline) {
            await new Promise((r) => setTimeout(r, 2))
          }
          if (c.provider.unsyncedChanges === 0 && c.provider.isSynced) acked[i]?.push(marker)
          else return
        }
      })
      await waitFor(
        () => acked.every((a) => a.length >= 15),
        'a stream of acknowledged edits',
        20_000,
      )
      server.child.kill('SIGKILL')
      expect((await server.exited).signal).toBe('SIGKILL')
      editing = false
      await Promise.all(loops)
      for (const c of clients) c.socket.disconnect()

      server = await spawnServer(env)
      // A fresh client reads what the server recovered, before the writers can resend anything.
      const observer = connect(wsUrl, 'doc:crash', token)
      clients.push(observer)
      await waitFor(() => observer.provider.isSynced, 'observer sync')
      const recovered = observer.doc.getText('t').toString()
      for (const markers of acked) for (const m of markers) expect(recovered).toContain(m)

      // The writers reconnect, resend what was never acknowledged, and everyone converges.
      for (const c of clients.slice(0, 3)) void c.socket.connect()
      await waitFor(
        () => clients.every((c) => c.provider.isSynced && c.provider.unsyncedChanges === 0),
        'everyone synced',
        20_000,
      )
      const states = clients.map((c) => c.doc.getText('t').toString())
      await waitFor(
        () => new Set(clients.map((c) => c.doc.getText('t').toString())).size === 1,
        `convergence: ${JSON.stringify(states.map((s) => s.length))}`,
      )
      const final = Y.encodeStateVector(observer.doc)
      for (const c of clients) expect(Y.encodeStateVector(c.doc)).toEqual(final)
    } finally {
      editing = false
      for (const c of clients) c.destroy()
      server.child.kill('SIGTERM')
      await server.exited
    }
  })
})
