import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildServerApp, freePort, spawnServer, type ChildServer } from './support/child-server.js'
import { connect, signToken, waitFor, type TestClient } from './support/helpers.js'
import { connectYjs, type YjsClient } from './support/yjs-client.js'

const MARKER = /<\d\.\d+>/g

describe('y-websocket door: kill -9', () => {
  let dataDir: string
  beforeAll(async () => {
    buildServerApp()
    dataDir = await mkdtemp(join(tmpdir(), 'tandem-yjs-crash-'))
  }, 120_000)
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true })
  })

  it('loses nothing a y-websocket client sent that other clients had seen', async () => {
    const port = await freePort()
    const env = { PORT: String(port), TANDEM_DATA_DIR: dataDir }
    let server: ChildServer = await spawnServer(env)
    const token = await signToken({ sub: 'w' })
    const writers: YjsClient[] = [0, 1].map(() =>
      connectYjs(`ws://127.0.0.1:${port}/yjs`, 'doc:crash', token),
    )
    // Peers on both protocols record what they have seen.
    const yjsPeer = connectYjs(`ws://127.0.0.1:${port}/yjs`, 'doc:crash', token)
    const hocuspocusPeer = connect(`ws://127.0.0.1:${port}/collab`, 'doc:crash', token)
    const peers = [yjsPeer, hocuspocusPeer]
    const everyone = [...writers, ...peers]
    let observer: TestClient | undefined
    let typing = true
    try {
      await waitFor(
        () =>
          [...writers, yjsPeer].every((c) => c.provider.synced) && hocuspocusPeer.provider.isSynced,
        'initial sync',
      )
      // Each writer appends a marker every few milliseconds, without any acknowledgement.
      const loops = writers.map(async (w, i) => {
        for (let n = 0; typing; n++) {
          w.doc.getText('t').insert(w.doc.getText('t').length, `<${i}.${n}>`)
          await new Promise((r) => setTimeout(r, 3))
        }
      })
      const seenCount = (): number =>
        Math.min(...peers.map((p) => p.doc.getText('t').toString().match(MARKER)?.length ?? 0))
      await waitFor(() => seenCount() >= 40, 'peers see a stream of edits', 20_000)
      server.child.kill('SIGKILL')
      expect((await server.exited).signal).toBe('SIGKILL')
      typing = false
      await Promise.all(loops)
      // What reached the peers before the crash (nothing more can arrive now).
      const seen = new Set(peers.flatMap((p) => p.doc.getText('t').toString().match(MARKER) ?? []))
      // The writers are gone for good (a closed tab): nothing they sent can be sent again.
      for (const w of writers) w.destroy()
      for (const p of peers) p.destroy()

      server = await spawnServer(env)
      observer = connect(`ws://127.0.0.1:${port}/collab`, 'doc:crash', token)
      await waitFor(() => observer?.provider.isSynced === true, 'observer sync')
      const recovered = new Set(observer.doc.getText('t').toString().match(MARKER) ?? [])
      const lost = [...seen].filter((m) => !recovered.has(m))
      expect(lost, `${lost.length} of ${seen.size} seen markers lost`).toEqual([])
      expect(seen.size).toBeGreaterThanOrEqual(40)
    } finally {
      typing = false
      for (const c of everyone) c.destroy()
      observer?.destroy()
      server.child.kill('SIGTERM')
      await server.exited
    }
  })
})
