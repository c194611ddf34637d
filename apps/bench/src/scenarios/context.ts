import { mkdtemp, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { Contender, RunningServer } from '../contenders/types.js'
import type { LoadWorker } from '../loadgen/pool.js'
import type { Profile } from '../profiles.js'
import type { Results } from '../report/results.js'

/** What every scenario gets from the runner. */
export interface ScenarioContext {
  profile: Profile
  results: Results
  /** Holds the writers and timed observers. */
  timed: LoadWorker
  /** Hold the receiving bulk clients. */
  bulk: LoadWorker[]
  /** Parent directory for every server's data dir (removed at the end of the run). */
  tempRoot: string
  log: (line: string) => void
}

/** Starts a contender with a fresh data dir, runs `body`, then closes clients and stops it. */
export async function withServer<T>(
  ctx: ScenarioContext,
  contender: Contender,
  body: (server: RunningServer) => Promise<T>,
): Promise<T> {
  const dataDir = await mkdtemp(join(ctx.tempRoot, `${contender.id}-`))
  const server = await contender.start(dataDir)
  try {
    return await body(server)
  } finally {
    await Promise.all([ctx.timed, ...ctx.bulk].map((w) => w.closeClients()))
    await server.stop()
    await rm(dataDir, { recursive: true, force: true })
  }
}

/** Splits `count` items over `parts` as evenly as possible (first parts get the remainder). */
export function split(count: number, parts: number): number[] {
  return Array.from(
    { length: parts },
    (_, i) => Math.floor(count / parts) + (i < count % parts ? 1 : 0),
  )
}

/** Source addresses for client sockets: spreads ephemeral ports when thousands connect. */
export function sourceAddress(index: number): string {
  return `127.0.0.${1 + (index % 4)}`
}

/** Awareness state of bench user `index`, the shape ARCHITECTURE.md gives presence. */
export function presenceOf(index: number): unknown {
  return {
    user: { id: `bench-${index}`, name: `Bench ${index}`, color: '#3b82f6' },
    status: 'online',
    cursor: null,
  }
}
