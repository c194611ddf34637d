import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CONTENDERS } from './contenders/contenders.js'
import type { Contender, ContenderId } from './contenders/types.js'
import { LoadWorker } from './loadgen/pool.js'
import type { Profile } from './profiles.js'
import { Results } from './report/results.js'
import { readCpuMs } from './util/proc.js'
import type { ScenarioContext } from './scenarios/context.js'
import { SCENARIOS, type ScenarioId } from './scenarios/index.js'

/** Options of one benchmark run. */
export interface RunOptions {
  profile: Profile
  /** Scenarios to run. @default every scenario */
  scenarios?: readonly ScenarioId[]
  /** Contenders to run. @default every contender that is available */
  contenders?: readonly ContenderId[]
  /** Progress lines. @default write to stderr */
  log?: (line: string) => void
}

/** What a run produced. */
export interface RunOutcome {
  results: Results
  /** CPU seconds the load-generator processes used, to show whether they were the bottleneck. */
  loadGeneratorCpuS: number
  unavailable: Partial<Record<ContenderId, string>>
  durationS: number
}

/**
 * Runs the scenarios; within each scenario the contenders run one after another (never at the
 * same time, so each gets the same machine), which is what "side by side" means here.
 */
export async function runBenchmarks(options: RunOptions): Promise<RunOutcome> {
  const started = Date.now()
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`))
  const results = new Results()
  const unavailable: Partial<Record<ContenderId, string>> = {}
  const contenders: Contender[] = []
  for (const c of CONTENDERS) {
    if (options.contenders && !options.contenders.includes(c.id)) {
      unavailable[c.id] = 'not selected for this run (--contenders)'
      continue
    }
    const reason = c.unavailable()
    if (reason) unavailable[c.id] = reason
    else contenders.push(c)
  }
  const tempRoot = await mkdtemp(join(tmpdir(), 'tandem-bench-'))
  const timed = new LoadWorker()
  const bulk = Array.from({ length: options.profile.bulkWorkers }, () => new LoadWorker())
  const ctx: ScenarioContext = { profile: options.profile, results, timed, bulk, tempRoot, log }
  let loadGeneratorCpuS = Number.NaN
  try {
    for (const scenario of SCENARIOS) {
      if (options.scenarios && !options.scenarios.includes(scenario.id)) continue
      for (const contender of contenders) {
        const t0 = Date.now()
        log(`${scenario.title} — ${contender.label} ...`)
        try {
          await scenario.run(ctx, contender)
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error)
          results.fail(scenario.title, contender.id, message)
          log(`  failed: ${message.split('\n')[0]}`)
          // A failed scenario may leave clients open; the next one starts clean.
          await Promise.all([timed, ...bulk].map((w) => w.closeClients()))
        }
        log(`  ${((Date.now() - t0) / 1000).toFixed(1)} s`)
      }
    }
    const cpu = await Promise.all(
      [timed, ...bulk].map((w) => (w.pid === undefined ? Number.NaN : readCpuMs(w.pid))),
    )
    loadGeneratorCpuS = cpu.reduce((a, b) => a + b, 0) / 1000
  } finally {
    await Promise.all([timed, ...bulk].map((w) => w.stop()))
    await rm(tempRoot, { recursive: true, force: true })
  }
  return { results, loadGeneratorCpuS, unavailable, durationS: (Date.now() - started) / 1000 }
}
