#!/usr/bin/env node
/**
 * `pnpm bench [--full | --profile tiny|quick|full] [--only a,b] [--contenders a,b] [--out file]`
 * Runs the benchmarks and writes the markdown report (default docs/BENCHMARKS.md).
 */
import { readFile, writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import type { ContenderId } from './contenders/types.js'
import { PROFILES } from './profiles.js'
import { machineInfo } from './report/machine.js'
import { renderMarkdown } from './report/markdown.js'
import { contextNotes } from './report/notes.js'
import { runBenchmarks } from './run.js'
import { SCENARIOS, type ScenarioId } from './scenarios/index.js'

const DEFAULT_OUT = fileURLToPath(new URL('../../../docs/BENCHMARKS.md', import.meta.url))
const CONTENDER_IDS: readonly ContenderId[] = ['tandem', 'hocuspocus', 'y-websocket', 'tandem-yjs']

function fail(message: string): never {
  process.stderr.write(`bench: ${message}\n`)
  process.exit(2)
}

function list<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  what: string,
): T[] | undefined {
  if (value === undefined) return undefined
  const items = value.split(',').map((s) => s.trim())
  for (const item of items) {
    if (!(allowed as readonly string[]).includes(item))
      fail(`unknown ${what} "${item}" (one of: ${allowed.join(', ')})`)
  }
  return items as T[]
}

// Sections other benchmarks write into the same file (e.g. the whiteboard frame times from
// `pnpm --filter @tandem/e2e bench:board`), between `<!-- <name>:start -->` and `:end` markers.
const KEPT_SECTION = /<!-- ([a-z-]+):start -->[\s\S]*?<!-- \1:end -->/g

/** The marked sections of the report being replaced, so this run does not wipe them. */
async function keptSections(out: string): Promise<string> {
  let previous: string
  try {
    previous = await readFile(out, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ''
    throw error
  }
  const sections = previous.match(KEPT_SECTION) ?? []
  return sections.map((section) => `\n${section}\n`).join('')
}

async function main(): Promise<void> {
  let parsed
  try {
    parsed = parseArgs({
      options: {
        full: { type: 'boolean', default: false },
        profile: { type: 'string' },
        only: { type: 'string' },
        contenders: { type: 'string' },
        out: { type: 'string', default: DEFAULT_OUT },
        note: { type: 'string' },
      },
      allowPositionals: false,
    })
  } catch (error) {
    fail((error as Error).message)
  }
  const { values } = parsed
  const profileName = values.profile ?? (values.full ? 'full' : 'quick')
  if (!(profileName in PROFILES)) fail(`unknown profile "${profileName}" (tiny, quick or full)`)
  const profile = PROFILES[profileName as keyof typeof PROFILES]
  const scenarios = list<ScenarioId>(
    values.only,
    SCENARIOS.map((s) => s.id),
    'scenario',
  )
  const contenders = list<ContenderId>(values.contenders, CONTENDER_IDS, 'contender')

  const machine = machineInfo()
  const startedAt = new Date()
  const outcome = await runBenchmarks({ profile, scenarios, contenders })
  // The note is printed in its own section; the command line shows only that there was one.
  const args = process.argv
    .slice(2)
    .map((arg, i, all) =>
      all[i - 1] === '--note' ? '"…"' : arg.startsWith('--note=') ? '--note="…"' : arg,
    )
  const command = ['pnpm bench', ...args].join(' ')
  const markdown = renderMarkdown(outcome.results, {
    machine,
    profile: profile.name,
    command,
    startedAt,
    durationS: outcome.durationS,
    loadGeneratorCpuS: outcome.loadGeneratorCpuS,
    unavailable: outcome.unavailable,
    notes: contextNotes(profile, values.note),
  })
  // `pnpm bench` runs in apps/bench; a relative --out means relative to where it was typed.
  const out = resolve(process.env.INIT_CWD ?? process.cwd(), values.out)
  await writeFile(out, markdown + (await keptSections(out)))
  process.stdout.write(markdown)
  process.stderr.write(`bench: report written to ${out}\n`)
  if (outcome.results.failures.length > 0) process.exitCode = 1
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  )
  process.exit(1)
})
