import type { Contender } from '../contenders/types.js'
import type { ClientSpec } from '../loadgen/messages.js'
import { mergeCollected } from '../loadgen/pool.js'
import { summarize, withMissing } from '../util/stats.js'
import { sourceAddress, split, withServer, type ScenarioContext } from './context.js'
import { drain } from './deliveries.js'

export const FANOUT = '2. Fan-out throughput (many documents)'

/**
 * Scenario 2: `docs` documents with `clientsPerDoc` clients each; one client per document types
 * so that the offered total is `updatesPerSecond`; everyone else receives. Throughput is what
 * arrived per second of the window plus its drain.
 */
export async function runFanout(ctx: ScenarioContext, contender: Contender): Promise<void> {
  const { docs, clientsPerDoc, updatesPerSecond, windowMs } = ctx.profile.fanout
  const { results } = ctx
  const clients = docs * clientsPerDoc
  await withServer(ctx, contender, async (server) => {
    let index = 0
    const spec = (doc: string, writer?: number): ClientSpec => {
      const i = index++
      return {
        url: server.wsUrl(doc),
        dialect: contender.dialect,
        doc,
        token: server.token(i),
        writer,
        localAddress: sourceAddress(i),
      }
    }
    const names = Array.from({ length: docs }, (_, d) => `doc:fanout-${d}`)
    const receivers = names.flatMap((doc) =>
      Array.from({ length: clientsPerDoc - 1 }, () => spec(doc)),
    )
    let from = 0
    const opened = await Promise.all(
      split(receivers.length, ctx.bulk.length).map((count, w) => {
        const part = receivers.slice(from, (from += count))
        return ctx.bulk[w]?.open(part)
      }),
    )
    const writers = await ctx.timed.open(names.map((doc, d) => spec(doc, d)))
    const failed = [...opened, writers].reduce((a, r) => a + (r?.failed ?? 0), 0)
    if (failed > 0)
      throw new Error(
        `${failed} of ${clients} clients could not connect: ${writers.errors.join('; ')}`,
      )
    const workers = [ctx.timed, ...ctx.bulk]
    await Promise.all(workers.map((w) => w.collect()))

    for (const offered of updatesPerSecond) {
      const label = `${offered.toLocaleString('en-US')} updates/s offered, ${clients} clients, ${docs} docs`
      for (let run = 0; run < ctx.profile.repeats; run++) {
        const cpuBefore = await server.cpuMs()
        const started = Date.now()
        const sent = await ctx.timed.type(offered / docs, windowMs)
        const drained = await drain(workers, sent * (clientsPerDoc - 1), 10_000)
        if (!drained.complete)
          ctx.log(
            `  ${label}: ${drained.have} of ${sent * (clientsPerDoc - 1)} deliveries after ${drained.waitedMs} ms`,
          )
        const elapsedS = (Date.now() - started) / 1000
        const cpuMs = (await server.cpuMs()) - cpuBefore
        const all = mergeCollected(await Promise.all(workers.map((w) => w.collect())))
        const deliveries = all.latencyMs.length
        results.add(
          FANOUT,
          { figure: `updates relayed/s, ${label}`, unit: '/s', better: 'higher' },
          contender.id,
          deliveries / (clientsPerDoc - 1) / elapsedS,
        )
        results.add(
          FANOUT,
          { figure: `updates delivered/s, ${label}`, unit: '/s', better: 'higher' },
          contender.id,
          deliveries / elapsedS,
        )
        results.add(
          FANOUT,
          {
            figure: `updates sent/s by the load generator, ${label}`,
            unit: '/s',
            better: 'none',
          },
          contender.id,
          sent / (windowMs / 1000),
        )
        const latency = summarize(
          withMissing(all.latencyMs, sent * (clientsPerDoc - 1) - deliveries),
        )
        results.add(
          FANOUT,
          { figure: `p50 latency, ${label}`, unit: 'ms', better: 'lower' },
          contender.id,
          latency.p50,
        )
        results.add(
          FANOUT,
          { figure: `p99 latency, ${label}`, unit: 'ms', better: 'lower' },
          contender.id,
          latency.p99,
        )
        results.add(
          FANOUT,
          { figure: `deliveries lost, ${label}`, unit: 'count', better: 'lower' },
          contender.id,
          Math.max(0, sent * (clientsPerDoc - 1) - deliveries),
        )
        results.add(
          FANOUT,
          { figure: `server CPU per delivery, ${label}`, unit: 'µs', better: 'lower' },
          contender.id,
          deliveries > 0 ? (cpuMs * 1000) / deliveries : Number.NaN,
        )
      }
    }
  })
}
