import 'fake-indexeddb/auto'
import * as prng from 'lib0/prng'
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { createClient, type DocHandle, type TandemClient } from '../src/index.js'
import { clientStatus, onCleanup } from './harness.js'
import {
  makeDataDir,
  removeDataDir,
  signToken,
  startTandemServer,
  type TestServer,
} from './tandem-server.js'
import { until } from './wait.js'

// Seeded multi-peer fuzz (after Yjs' tests): several devices edit shared documents while they
// randomly disconnect, go offline, reload from IndexedDB and the server restarts; at the end
// every replica and the stored document must be equal. Reproduce a failure with
// TANDEM_FUZZ_SEED=<seed printed in the failure>.

const DOCS = ['doc:fuzz-a', 'board:fuzz-b']
const DEVICES = 4
const STEPS = Number(process.env.TANDEM_FUZZ_STEPS ?? 160)

interface Device {
  readonly id: number
  readonly prefix: string
  readonly network: EventTarget
  client: TandemClient
  handles: DocHandle[]
}

function content(doc: Y.Doc): string {
  return JSON.stringify({
    text: doc.getText('t').toString(),
    // Sorted: a Y.Map's iteration order depends on the order each replica learnt its keys.
    map: Object.entries(doc.getMap('m').toJSON()).sort(([a], [b]) => (a < b ? -1 : 1)),
    list: doc.getArray('l').toJSON(),
  })
}

function startDevice(id: number, prefix: string, network: EventTarget, url: string): Device {
  const client = createClient({
    url,
    token: () => signToken({ sub: `device-${id}` }),
    WebSocketPolyfill: WebSocket,
    persistence: true,
    storagePrefix: prefix,
    watchNetwork: network,
    reconnect: { minDelayMs: 10, maxDelayMs: 100 },
  })
  return { id, prefix, network, client, handles: DOCS.map((name) => client.open(name)) }
}

function edit(gen: prng.PRNG, doc: Y.Doc, device: number): void {
  const text = doc.getText('t')
  switch (prng.int32(gen, 0, 4)) {
    case 0:
    case 1:
      text.insert(prng.int32(gen, 0, text.length), prng.word(gen, 1, 6))
      break
    case 2: {
      if (text.length === 0) break
      const at = prng.int32(gen, 0, text.length - 1)
      text.delete(at, prng.int32(gen, 1, Math.min(4, text.length - at)))
      break
    }
    case 3:
      doc.getMap('m').set(`k${prng.int32(gen, 0, 5)}`, `${device}:${prng.word(gen, 1, 4)}`)
      break
    default:
      doc.getArray('l').insert(0, [prng.int32(gen, 0, 1000)])
  }
}

describe('seeded convergence fuzz', () => {
  it('every replica and the stored documents converge', async () => {
    const seed = Number(process.env.TANDEM_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31))
    try {
      await run(seed)
    } catch (error) {
      throw new Error(`fuzz failed; reproduce with TANDEM_FUZZ_SEED=${seed}: ${String(error)}`, {
        cause: error,
      })
    }
  })
})

async function run(seed: number): Promise<void> {
  const gen = prng.create(seed)
  const dataDir = await makeDataDir()
  onCleanup(() => removeDataDir(dataDir))
  let server: TestServer | null = await startTandemServer({ dataDir })
  const port = server.port
  const url = server.url
  onCleanup(async () => {
    await server?.close()
  })

  const devices: Device[] = []
  for (let i = 0; i < DEVICES; i++) {
    devices.push(startDevice(i, `fuzz-${seed}-${i}:`, new EventTarget(), url))
  }
  onCleanup(async () => {
    await Promise.all(devices.map((d) => d.client.destroy()))
  })
  await Promise.all(devices.flatMap((d) => d.handles.map((h) => h.whenSynced)))

  const counts = { edits: 0, disconnects: 0, offline: 0, reloads: 0, restarts: 0, reopens: 0 }
  for (let step = 0; step < STEPS; step++) {
    const device = prng.oneOf(gen, devices)
    const roll = prng.int32(gen, 0, 99)
    if (roll < 65) {
      edit(gen, prng.oneOf(gen, device.handles).doc, device.id)
      counts.edits += 1
    } else if (roll < 73) {
      if (device.client.status.connection === 'offline') device.client.connect()
      else device.client.disconnect()
      counts.disconnects += 1
    } else if (roll < 80) {
      device.network.dispatchEvent(new Event(prng.bool(gen) ? 'offline' : 'online'))
      counts.offline += 1
    } else if (roll < 85) {
      // Reload: the page goes away (edits not yet acknowledged stay in IndexedDB).
      await device.client.destroy()
      Object.assign(device, startDevice(device.id, device.prefix, device.network, url))
      counts.reloads += 1
    } else if (roll < 87) {
      // Close a document (it lingers while it has unacknowledged changes) and open it again
      // once the close went through.
      const i = prng.int32(gen, 0, DOCS.length - 1)
      device.handles[i]!.release()
      await Promise.resolve()
      device.handles[i] = device.client.open(DOCS[i]!)
      counts.reopens += 1
    } else if (roll < 90) {
      if (server) {
        await server.close()
        server = null
      } else {
        server = await startTandemServer({ port, dataDir })
      }
      counts.restarts += 1
    } else {
      // Let the network run for a moment: interleaves edits with sync traffic.
      await new Promise((resolve) => setTimeout(resolve, prng.int32(gen, 0, 15)))
    }
  }

  // Heal: server up, every device online and connected; everything must be acknowledged.
  server ??= await startTandemServer({ port, dataDir })
  for (const device of devices) {
    device.network.dispatchEvent(new Event('online'))
    device.client.connect()
  }
  for (const device of devices) {
    await clientStatus(
      device.client,
      (s) => s.connection === 'online' && s.unsynced === 0,
      `device ${device.id} acknowledged`,
      20_000,
    )
  }
  for (const [i, name] of DOCS.entries()) {
    const replicas = () => devices.map((d) => content(d.handles[i]!.doc))
    await until(
      () => new Set(replicas()).size === 1,
      `replicas of ${name} to converge`,
      20_000,
    ).catch((error: unknown) => {
      const detail = devices.map(
        (d) =>
          `device ${d.id}: ${content(d.handles[i]!.doc)} ${JSON.stringify(d.handles[i]!.status)} sv=${JSON.stringify([...Y.decodeStateVector(Y.encodeStateVector(d.handles[i]!.doc))])}`,
      )
      throw new Error(`${String(error)}\n${detail.join('\n')}\ncounts=${JSON.stringify(counts)}`)
    })
  }

  // Every device said "all acknowledged": so the server must hold everything without their
  // help. Close them all first, then read the data dir with a fresh server.
  const expected = DOCS.map((_, i) => content(devices[0]!.handles[i]!.doc))
  await Promise.all(devices.map((d) => d.client.destroy()))
  await server.close()
  server = await startTandemServer({ port, dataDir })
  for (const [i, name] of DOCS.entries()) {
    expect(content(await server.stored(name)), `stored ${name}`).toBe(expected[i])
  }
  // And a device that never saw any of it loads the same thing.
  const fresh = createClient({
    url,
    token: () => signToken({ sub: 'fresh' }),
    WebSocketPolyfill: WebSocket,
    persistence: false,
  })
  onCleanup(() => fresh.destroy())
  for (const [i, name] of DOCS.entries()) {
    const handle = fresh.open(name)
    await handle.whenSynced
    expect(content(handle.doc), `fresh copy of ${name}`).toBe(expected[i])
  }
  expect(counts.edits).toBeGreaterThan(0)
}
