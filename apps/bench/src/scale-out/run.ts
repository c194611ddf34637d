/**
 * `pnpm bench:scale-out [--out file] [--quick]`: edit-to-peer latency and fan-out throughput
 * with one Tandem instance versus two (clients of every document split across them), both on
 * one Postgres store and one Redis started here. Writes its own section into
 * docs/BENCHMARKS.md (between markers; `pnpm bench` keeps it).
 */
import { randomBytes } from 'node:crypto'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { signHs256 } from '../util/jwt.js'
import { measure, type Load, type Measured } from './measure.js'
import { SECTION_END, SECTION_START, spliceSection } from './section.js'
import { startPostgres, startRedis, startTandem, type Service } from './services.js'

const DEFAULT_OUT = fileURLToPath(new URL('../../../../docs/BENCHMARKS.md', import.meta.url))

const LATENCY: Load = {
  documents: 1,
  writersPerDocument: 4,
  receiversPerDocument: 60,
  editsPerSecond: 5,
  durationMs: 8_000,
}
const FANOUT: Load = {
  documents: 20,
  writersPerDocument: 1,
  receiversPerDocument: 5,
  editsPerSecond: 20,
  durationMs: 8_000,
}

async function runWith(instances: number, loads: Load[]): Promise<Measured[]> {
  const started: Service[] = []
  const dataDir = await mkdtemp(join(tmpdir(), 'tandem-bench-scale-'))
  try {
    const [postgres, redis] = await Promise.all([startPostgres(), startRedis()])
    started.push(postgres, redis)
    const secret = randomBytes(32).toString('hex')
    const tandems = await Promise.all(
      Array.from({ length: instances }, (_, i) =>
        startTandem(`i${i}`, { databaseUrl: postgres.url, redisUrl: redis.url, secret, dataDir }),
      ),
    )
    started.push(...tandems)
    const cluster = {
      urls: tandems.map((t) => t.url),
      token: (index: number) =>
        signHs256(
          {
            sub: `bench-${index}`,
            name: `Bench ${index}`,
            roles: { 'doc:*': 'editor' },
            exp: Math.floor(Date.now() / 1000) + 3600,
          },
          secret,
        ),
    }
    const results: Measured[] = []
    for (const load of loads) results.push(await measure(cluster, load))
    return results
  } finally {
    // Instances first (they flush to Postgres), then Redis and Postgres.
    for (const s of started.reverse()) await s.stop().catch(() => undefined)
    await rm(dataDir, { recursive: true, force: true })
  }
}

const ms = (v: number): string => (Number.isFinite(v) ? v.toFixed(1) : 'lost')

function render(one: Measured[], two: Measured[], loadAverage: number, quick: boolean): string {
  const row = (figure: string, pick: (m: Measured) => string, i: number): string =>
    `| ${figure} | ${pick(one[i]!)} | ${pick(two[i]!)} |`
  const figures = (i: number, name: string): string[] => [
    row(`${name}: edit-to-peer p50 (ms)`, (m) => ms(m.p50), i),
    row(`${name}: edit-to-peer p99 (ms)`, (m) => ms(m.p99), i),
    row(`${name}: writers' ack p99 (ms)`, (m) => ms(m.ackP99), i),
    row(`${name}: delivered / expected`, (m) => `${m.delivered} / ${m.expected}`, i),
    row(`${name}: deliveries per second`, (m) => m.deliveriesPerSecond.toFixed(0), i),
  ]
  const load = (l: Load): string =>
    `${l.documents} document(s) x (${l.writersPerDocument} writer(s) at ${l.editsPerSecond} edits/s + ${l.receiversPerDocument} receivers), ${l.durationMs / 1000} s`
  return [
    SECTION_START,
    '## Scale-out: one instance vs two (Redis + Postgres)',
    '',
    `Written by \`pnpm bench:scale-out\`${quick ? ' (--quick)' : ''} on ${new Date().toISOString().slice(0, 16)} UTC,`,
    `load average ${loadAverage.toFixed(1)} at start (machine shared with other jobs: figures vary).`,
    'Both columns use the same Postgres store and Redis; with two instances, client k of every',
    'document connects to instance k mod 2, so every edit also crosses Redis to reach half its peers.',
    '',
    '| figure | 1 instance | 2 instances (clients split) |',
    '| --- | --- | --- |',
    ...figures(0, 'latency'),
    ...figures(1, 'fan-out'),
    '',
    `Latency load: ${load(quick ? shrink(LATENCY) : LATENCY)}. Fan-out load: ${load(quick ? shrink(FANOUT) : FANOUT)}.`,
    'Edit-to-peer is the time from the writer inserting a timestamped marker to a receiver reading',
    'it from a frame (same monotonic clock, one load-generator process); a delivery still missing',
    'after a 15 s drain counts as lost (p99 then reads "lost"). Ack = SyncStatus after the commit',
    'in Postgres (fsync on). On one 2-core machine the second instance competes for the same CPUs',
    'as the first, Redis, Postgres and the load generator, so this shows the cost of the relay',
    'hop, not the capacity gained from a second machine.',
    SECTION_END,
  ].join('\n')
}

function shrink(load: Load): Load {
  return {
    ...load,
    durationMs: 3_000,
    receiversPerDocument: Math.ceil(load.receiversPerDocument / 2),
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { out: { type: 'string', default: DEFAULT_OUT }, quick: { type: 'boolean' } },
  })
  const quick = values.quick === true
  const loads = quick ? [shrink(LATENCY), shrink(FANOUT)] : [LATENCY, FANOUT]
  const loadAverage = loadavg()[0] ?? Number.NaN
  process.stderr.write('scale-out: 1 instance\n')
  const one = await runWith(1, loads)
  process.stderr.write('scale-out: 2 instances\n')
  const two = await runWith(2, loads)
  const section = render(one, two, loadAverage, quick)
  const out = resolve(process.env.INIT_CWD ?? process.cwd(), values.out)
  const previous = await readFile(out, 'utf8').catch(() => '')
  await writeFile(out, spliceSection(previous, section))
  process.stdout.write(`${section}\n`)
  process.stderr.write(`scale-out: section written to ${out}\n`)
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:scale-out failed: ${(error as Error)?.stack ?? String(error)}\n`)
  process.exit(1)
})
