import type { Contender, RunningServer } from '../contenders/types.js'
import { BenchClient } from '../protocol/client.js'
import { paragraphText } from '../protocol/content.js'
import { markerText, scanMarkers } from '../protocol/markers.js'
import { directorySize } from '../util/proc.js'
import {
  histogramDelta,
  quantileUpperBound,
  readHistogram,
  type Histogram,
} from '../util/prometheus.js'
import { summarize } from '../util/stats.js'
import { nowUs, pause, waitFor } from '../util/time.js'
import { withServer, type ScenarioContext } from './context.js'

export const DURABILITY = '5. Durability cost'
const DOC = 'doc:durable'

/** Waits until the server has stopped writing (write_bytes unchanged for `quietMs`). */
async function settledWrites(
  read: () => Promise<number>,
  quietMs: number,
  timeoutMs: number,
): Promise<number> {
  let last = await read()
  let since = Date.now()
  await waitFor(
    'the server to stop writing',
    async () => {
      const now = await read()
      if (now !== last) {
        last = now
        since = Date.now()
      }
      return Date.now() - since >= quietMs
    },
    { timeoutMs, intervalMs: 100 },
  )
  return last
}

/** Tandem's group-commit latency histogram (/metrics), null for servers without one. */
async function commitHistogram(server: RunningServer): Promise<Histogram | null> {
  const text = await server.metricsText()
  return text === null ? null : readHistogram(text, 'tandem_store_commit_seconds')
}

function recordCommits(
  ctx: ScenarioContext,
  contender: Contender,
  before: Histogram | null,
  after: Histogram | null,
) {
  const mean = {
    figure: 'store commit latency, mean (server metrics)',
    unit: 'ms',
    better: 'lower' as const,
  }
  const p99 = {
    figure: 'store commit latency, p99 bucket bound (server metrics)',
    unit: 'ms',
    better: 'lower' as const,
  }
  if (!before || !after) {
    const why = contender.persists ? 'n/a: debounced store, no metric' : 'n/a: stores nothing'
    ctx.results.note(DURABILITY, mean, contender.id, why)
    ctx.results.note(DURABILITY, p99, contender.id, why)
    return
  }
  const delta = histogramDelta(before, after)
  ctx.results.add(
    DURABILITY,
    mean,
    contender.id,
    delta.count > 0 ? (delta.sum / delta.count) * 1000 : Number.NaN,
  )
  ctx.results.add(DURABILITY, p99, contender.id, quantileUpperBound(delta, 0.99) * 1000)
}

/**
 * Types `count` updates, waits for every acknowledgement, kills the server with SIGKILL at
 * once, restarts it on the same data dir and counts the acknowledged updates that are gone.
 */
async function crashAfterAcks(
  contender: Contender,
  server: RunningServer,
  count: number,
): Promise<number> {
  const doc = 'doc:crash'
  const writer = new BenchClient({
    url: server.wsUrl(doc),
    dialect: contender.dialect,
    doc,
    token: server.token(1),
    withDoc: true,
  })
  await writer.connect()
  if (!writer.doc) throw new Error('writer has no document')
  for (let i = 0; i < count; i++) {
    const text = paragraphText(writer.doc)
    text.insert(text.length, markerText(1, i, nowUs()))
    await pause(5)
  }
  await waitFor('every update to be acknowledged', () => writer.pendingAcks === 0, {
    timeoutMs: 30_000,
  })
  await server.kill()
  await writer.close()
  const restarted = await contender.start(server.dataDir)
  try {
    const reader = new BenchClient({
      url: restarted.wsUrl(doc),
      dialect: contender.dialect,
      doc,
      token: restarted.token(2),
      withDoc: true,
    })
    await reader.connect()
    let found = 0
    if (reader.doc)
      scanMarkers(new TextEncoder().encode(paragraphText(reader.doc).toString()), () => found++)
    await reader.close()
    return count - found
  } finally {
    await restarted.stop()
  }
}

/**
 * Scenario 5: one client types `updates` keystrokes at `updatesPerSecond`; the time from each
 * update to its acknowledgement, and what the server wrote to disk per update once it settled
 * (Hocuspocus' SQLite extension stores the whole document, debounced 2 s, so it is waited for).
 */
export async function runDurability(ctx: ScenarioContext, contender: Contender): Promise<void> {
  const { updates, updatesPerSecond } = ctx.profile.durability
  const { results } = ctx
  const id = contender.id
  const ackFigure = (p: string) => ({
    figure: `update -> ack ${p} (${updatesPerSecond}/s)`,
    unit: 'ms',
    better: 'lower' as const,
  })
  await withServer(ctx, contender, async (server) => {
    const acks: number[] = []
    const client = new BenchClient({
      url: server.wsUrl(DOC),
      dialect: contender.dialect,
      doc: DOC,
      token: server.token(0),
      withDoc: true,
      onAck: (ms) => acks.push(ms),
    })
    await client.connect()
    const doc = client.doc
    if (!doc) throw new Error('writer has no document')
    // Whatever the server wrote on start-up and for the first sync is not part of the cost.
    const bytesBefore = await settledWrites(() => server.writeBytes(), 1000, 20_000)
    const sizeBefore = await directorySize(server.dataDir)
    const commitsBefore = await commitHistogram(server)
    let seq = 0
    for (let run = 0; run < ctx.profile.repeats; run++) {
      acks.length = 0
      for (let i = 0; i < updates; i++) {
        const text = paragraphText(doc)
        text.insert(text.length, markerText(0, seq++, nowUs()))
        await pause(1000 / updatesPerSecond)
      }
      if (!contender.acks) continue
      await waitFor('every update to be acknowledged', () => client.pendingAcks === 0, {
        timeoutMs: 30_000,
      })
      const latency = summarize(acks)
      results.add(DURABILITY, ackFigure('p50'), id, latency.p50)
      results.add(
        DURABILITY,
        { ...ackFigure('p99'), target: 'durable, < 2 ms added' },
        id,
        latency.p99,
      )
    }
    const commitsAfter = await commitHistogram(server)
    recordCommits(ctx, contender, commitsBefore, commitsAfter)
    const bytesAfter = await settledWrites(() => server.writeBytes(), 3000, 30_000)
    const sizeAfter = await directorySize(server.dataDir)
    await client.close()
    if (!contender.acks) {
      results.note(DURABILITY, ackFigure('p50'), id, 'n/a: no acknowledgement in the protocol')
      results.note(DURABILITY, ackFigure('p99'), id, 'n/a: no acknowledgement in the protocol')
    }
    const written = seq
    if (!contender.persists) {
      results.note(
        DURABILITY,
        { figure: 'bytes written to disk per update', unit: 'B', better: 'lower' },
        id,
        'n/a: in-memory',
      )
    } else {
      results.add(
        DURABILITY,
        { figure: 'bytes written to disk per update', unit: 'B', better: 'lower' },
        id,
        (bytesAfter - bytesBefore) / written,
      )
      results.add(
        DURABILITY,
        { figure: 'stored size growth per update', unit: 'B', better: 'lower' },
        id,
        (sizeAfter - sizeBefore) / written,
      )
    }
    if (contender.acks) {
      const lost = await crashAfterAcks(contender, server, 50)
      results.add(
        DURABILITY,
        {
          figure: 'acknowledged updates lost by kill -9 right after the ack',
          unit: 'count',
          better: 'lower',
          target: '0',
          goal: 0,
        },
        id,
        lost,
      )
    } else {
      results.note(
        DURABILITY,
        {
          figure: 'acknowledged updates lost by kill -9 right after the ack',
          unit: 'count',
          better: 'lower',
          target: '0',
        },
        id,
        contender.persists ? 'n/a: no ack in the protocol' : 'n/a: no ack; in-memory loses all',
      )
    }
  })
}
