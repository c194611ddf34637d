import type { Contender, RunningServer } from '../contenders/types.js'
import type { ClientSpec, Collected } from '../loadgen/messages.js'
import { mergeCollected } from '../loadgen/pool.js'
import { summarize, withMissing } from '../util/stats.js'
import { nowMs, nowUs, pause } from '../util/time.js'
import { presenceOf, sourceAddress, split, withServer, type ScenarioContext } from './context.js'
import { drain } from './deliveries.js'

export const LATENCY = '1. Edit-to-peer latency (one document)'
const MB = 1024 * 1024

/** Opens `n` clients on one document: bulk receivers first, the timed writers and observers last. */
export async function openClients(
  ctx: ScenarioContext,
  server: RunningServer,
  contender: Contender,
  n: number,
  doc: string,
) {
  const { writers, observers } = ctx.profile.latency
  const k = Math.max(1, Math.min(writers, n - 1))
  const o = Math.min(observers, n - k)
  let index = 0
  const spec = (writer?: number): ClientSpec => {
    const i = index++
    return {
      url: server.wsUrl(doc),
      dialect: contender.dialect,
      doc,
      token: server.token(i),
      writer,
      presence: presenceOf(i),
      localAddress: sourceAddress(i),
    }
  }
  const bulkSpecs = split(n - k - o, ctx.bulk.length).map((count) =>
    Array.from({ length: count }, () => spec()),
  )
  const started = nowMs()
  const bulk = await Promise.all(ctx.bulk.map((w, i) => w.open(bulkSpecs[i] ?? [])))
  const timedSpecs = [
    ...Array.from({ length: k }, (_, j) => spec(j)),
    ...Array.from({ length: o }, () => spec()),
  ]
  const timed = await ctx.timed.open(timedSpecs)
  const opened = [...bulk, timed]
  const failed = opened.reduce((a, r) => a + r.failed, 0)
  if (failed > 0) {
    const errors = [...new Set(opened.flatMap((r) => r.errors))].join('; ')
    throw new Error(`${failed} of ${n} clients could not connect: ${errors}`)
  }
  return { timedClients: k + o, connectMs: nowMs() - started }
}

/** Collects every worker's samples: the timed worker's, and all of them merged. */
export async function collectAll(
  ctx: ScenarioContext,
): Promise<{ timed: Collected; all: Collected }> {
  const [timed, ...bulk] = await Promise.all([ctx.timed, ...ctx.bulk].map((w) => w.collect()))
  if (!timed) throw new Error('no timed worker')
  return { timed, all: mergeCollected([timed, ...bulk]) }
}

/** Scenario 1: N clients on one document, a few typing at a human rate; plus the reconnect storm. */
export async function runLatency(ctx: ScenarioContext, contender: Contender): Promise<void> {
  const { clients, editsPerSecond, windowMs, stormAt } = ctx.profile.latency
  const { results } = ctx
  const workers = [ctx.timed, ...ctx.bulk]
  for (const n of clients) {
    await withServer(ctx, contender, async (server) => {
      const { timedClients, connectMs } = await openClients(
        ctx,
        server,
        contender,
        n,
        'doc:latency',
      )
      results.add(
        LATENCY,
        { figure: `connect + sync ${n} clients`, unit: 'ms', better: 'lower' },
        contender.id,
        connectMs,
      )
      const memory = await server.memory()
      results.add(
        LATENCY,
        { figure: `server RSS, ${n} clients`, unit: 'MB', better: 'lower' },
        contender.id,
        memory.rss / MB,
      )
      results.add(
        LATENCY,
        { figure: `server heap, ${n} clients`, unit: 'MB', better: 'lower' },
        contender.id,
        memory.heapUsed / MB,
      )
      await collectAll(ctx)

      for (let run = 0; run < ctx.profile.repeats; run++) {
        const cpuBefore = await server.cpuMs()
        const sent = await ctx.timed.type(editsPerSecond, windowMs)
        const drained = await drain(workers, sent * (n - 1), 10_000)
        if (!drained.complete)
          ctx.log(
            `  ${n} clients: ${drained.have} of ${sent * (n - 1)} deliveries after ${drained.waitedMs} ms`,
          )
        const cpuMs = (await server.cpuMs()) - cpuBefore
        const { timed, all } = await collectAll(ctx)
        const missing = Math.max(0, sent * (timedClients - 1) - timed.latencyMs.length)
        const latency = summarize(withMissing(timed.latencyMs, missing))
        const target = n >= 1000 ? '< 30 ms' : undefined
        const goal = n >= 1000 ? 30 : undefined
        results.add(
          LATENCY,
          { figure: `p50, ${n} clients`, unit: 'ms', better: 'lower' },
          contender.id,
          latency.p50,
        )
        results.add(
          LATENCY,
          { figure: `p99, ${n} clients`, unit: 'ms', better: 'lower', target, goal },
          contender.id,
          latency.p99,
        )
        results.add(
          LATENCY,
          { figure: `max, ${n} clients`, unit: 'ms', better: 'lower' },
          contender.id,
          latency.max,
        )
        results.add(
          LATENCY,
          { figure: `p99 at every receiver (bulk too), ${n} clients`, unit: 'ms', better: 'lower' },
          contender.id,
          summarize(all.latencyMs).p99,
        )
        const lost = missing
        results.add(
          LATENCY,
          { figure: `edits not delivered, ${n} clients`, unit: 'count', better: 'lower' },
          contender.id,
          Math.max(0, lost),
        )
        const perDelivery =
          all.latencyMs.length > 0 ? (cpuMs * 1000) / all.latencyMs.length : Number.NaN
        results.add(
          LATENCY,
          { figure: `server CPU per delivered edit, ${n} clients`, unit: 'µs', better: 'lower' },
          contender.id,
          perDelivery,
        )
        const ackFigure = {
          figure: `ack p99 of the typists, ${n} clients`,
          unit: 'ms',
          better: 'lower' as const,
        }
        if (contender.acks)
          results.add(LATENCY, ackFigure, contender.id, summarize(timed.ackMs).p99)
        else results.note(LATENCY, ackFigure, contender.id, 'no ack in protocol')
      }

      if (stormAt === n) await runStorm(ctx, contender, n, timedClients)
    })
  }
}

/**
 * The reconnect storm: while the typists keep typing, every other client drops its socket and
 * reconnects at once, each announcing its presence, as after a server restart or a network
 * blip. Latency is read at the timed clients for edits sent while the storm lasted.
 */
async function runStorm(
  ctx: ScenarioContext,
  contender: Contender,
  n: number,
  timedClients: number,
) {
  const { editsPerSecond, stormWindowMs: windowMs, stormRuns } = ctx.profile.latency
  const { results } = ctx
  for (let run = 0; run < stormRuns; run++) {
    await collectAll(ctx)
    const typing = ctx.timed.type(editsPerSecond, windowMs)
    await pause(Math.min(1000, windowMs / 4))
    const startUs = nowUs()
    const reopened = await Promise.all(ctx.bulk.map((w) => w.storm()))
    const endUs = nowUs()
    const sent = await typing
    // Reconnecting clients get the edits they missed in their initial sync, not as timed
    // updates, so only the timed clients (never disconnected) can be waited for.
    const drained = await drain([ctx.timed], sent * (timedClients - 1), 15_000)
    if (!drained.complete)
      ctx.log(
        `  storm: ${drained.have} of ${sent * (timedClients - 1)} timed deliveries after ${drained.waitedMs} ms`,
      )
    const { timed } = await collectAll(ctx)
    // The storm's tail counts too: a server digests the presence announcements after the
    // sockets are back, so edits sent up to a second after the last sync are included.
    const during: number[] = []
    timed.sentUs.forEach((sentUs, i) => {
      if (sentUs >= startUs && sentUs <= endUs + 1e6) during.push(timed.latencyMs[i] as number)
    })
    // Edits still missing after the drain were most likely held up by the storm: they count
    // as lost (Infinity), never as fast.
    const latency = summarize(
      withMissing(during, Math.max(0, sent * (timedClients - 1) - drained.have)),
    )
    const failed = reopened.reduce((a, r) => a + r.failed, 0)
    const label = `${n} clients reconnect at once`
    results.add(
      LATENCY,
      { figure: 'storm: timed deliveries missing after the drain', unit: 'count', better: 'lower' },
      contender.id,
      Math.max(0, sent * (timedClients - 1) - drained.have),
    )
    results.add(
      LATENCY,
      {
        figure: `storm: p99 during storm, ${label}`,
        unit: 'ms',
        better: 'lower',
        target: '< 50 ms',
        goal: 50,
      },
      contender.id,
      latency.p99,
    )
    results.add(
      LATENCY,
      { figure: `storm: max during storm, ${label}`, unit: 'ms', better: 'lower' },
      contender.id,
      latency.max,
    )
    results.add(
      LATENCY,
      { figure: `storm: all reconnected and synced`, unit: 'ms', better: 'lower' },
      contender.id,
      (endUs - startUs) / 1000,
    )
    results.add(
      LATENCY,
      { figure: `storm: clients that failed to reconnect`, unit: 'count', better: 'lower' },
      contender.id,
      failed,
    )
  }
}
