import type { Contender, MemorySample, RunningServer } from '../contenders/types.js'
import type { ClientSpec, OpenResult } from '../loadgen/messages.js'
import { sourceAddress, split, withServer, type ScenarioContext } from './context.js'

export const CONNECTIONS = '3. Idle connections and memory'
const KB = 1024
const MB = 1024 * 1024

async function openIdle(
  ctx: ScenarioContext,
  server: RunningServer,
  contender: Contender,
  count: number,
  docOf: (i: number) => string,
) {
  const specs: ClientSpec[] = Array.from({ length: count }, (_, i) => ({
    url: server.wsUrl(docOf(i)),
    dialect: contender.dialect,
    doc: docOf(i),
    token: server.token(i),
    localAddress: sourceAddress(i),
  }))
  const workers = [ctx.timed, ...ctx.bulk]
  let from = 0
  const opened: OpenResult[] = await Promise.all(
    split(count, workers.length).map((n, w) =>
      (workers[w] as (typeof workers)[number]).open(specs.slice(from, (from += n)), 32, 120_000),
    ),
  )
  return {
    connected: opened.reduce((a, r) => a + r.connected, 0),
    errors: [...new Set(opened.flatMap((r) => r.errors))],
    elapsedMs: Math.max(...opened.map((r) => r.elapsedMs)),
  }
}

function perItem(before: MemorySample, after: MemorySample, count: number) {
  return { rss: (after.rss - before.rss) / count, heap: (after.heapUsed - before.heapUsed) / count }
}

/**
 * Scenario 3: how many idle connections one server holds (all on one document) and what each
 * costs; then one document per connection, for what a loaded document costs on top.
 */
export async function runConnections(ctx: ScenarioContext, contender: Contender): Promise<void> {
  const { idle, docs } = ctx.profile.connections
  const { results } = ctx
  const id = contender.id
  let perConnection = { rss: Number.NaN, heap: Number.NaN }
  await withServer(ctx, contender, async (server) => {
    const before = await server.memory()
    const opened = await openIdle(ctx, server, contender, idle, () => 'doc:idle')
    const after = await server.memory()
    // Held = still open after they all connected and the server was asked for its memory.
    const alive = (await Promise.all([ctx.timed, ...ctx.bulk].map((w) => w.alive()))).reduce(
      (a, b) => a + b,
      0,
    )
    results.add(
      CONNECTIONS,
      {
        figure: `idle connections held (of ${idle.toLocaleString('en-US')} opened)`,
        unit: 'count',
        better: 'higher',
        target: '10,000',
      },
      id,
      alive,
    )
    if (opened.errors.length > 0)
      results.fail(CONNECTIONS, id, `idle connections: ${opened.errors.join('; ')}`)
    results.add(
      CONNECTIONS,
      { figure: `time to connect and sync them`, unit: 's', better: 'lower' },
      id,
      opened.elapsedMs / 1000,
    )
    results.add(
      CONNECTIONS,
      { figure: `server RSS with them`, unit: 'MB', better: 'lower', target: '< 1 GB at 10k' },
      id,
      after.rss / MB,
    )
    perConnection = perItem(before, after, Math.max(1, opened.connected))
    results.add(
      CONNECTIONS,
      { figure: 'RSS per idle connection (one document)', unit: 'KB', better: 'lower' },
      id,
      perConnection.rss / KB,
    )
    results.add(
      CONNECTIONS,
      { figure: 'heap per idle connection (one document)', unit: 'KB', better: 'lower' },
      id,
      perConnection.heap / KB,
    )
    results.add(
      CONNECTIONS,
      {
        figure: `projected RSS at 10,000 connections`,
        unit: 'MB',
        better: 'lower',
        target: '< 1,024 MB',
        goal: 1024,
      },
      id,
      (before.rss + perConnection.rss * 10_000) / MB,
    )
  })
  await withServer(ctx, contender, async (server) => {
    const before = await server.memory()
    const opened = await openIdle(ctx, server, contender, docs, (i) => `doc:idle-${i}`)
    const after = await server.memory()
    if (opened.errors.length > 0)
      results.fail(CONNECTIONS, id, `one document per connection: ${opened.errors.join('; ')}`)
    const each = perItem(before, after, Math.max(1, opened.connected))
    results.add(
      CONNECTIONS,
      {
        figure: `RSS per connection with its own document (${docs.toLocaleString('en-US')} docs)`,
        unit: 'KB',
        better: 'lower',
      },
      id,
      each.rss / KB,
    )
    results.add(
      CONNECTIONS,
      {
        figure: 'RSS per loaded (empty) document, connection subtracted',
        unit: 'KB',
        better: 'lower',
      },
      id,
      (each.rss - perConnection.rss) / KB,
    )
    results.add(
      CONNECTIONS,
      {
        figure: 'heap per loaded (empty) document, connection subtracted',
        unit: 'KB',
        better: 'lower',
      },
      id,
      (each.heap - perConnection.heap) / KB,
    )
  })
}
