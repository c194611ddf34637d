import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { CONTENDERS } from './contenders/contenders.js'
import { SCENARIOS } from './scenarios/index.js'

// The smoke test runs the real CLI (built JavaScript: servers and load workers are separate
// Node processes) with the tiny profile, so the quick profile's code path cannot rot.
const run = promisify(execFile)
const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const CLI = join(ROOT, 'apps/bench/dist/cli.js')

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      maxBuffer: 64 * 1024 * 1024,
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string }
    if (typeof e.code !== 'number') throw error
    return { code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' }
  }
}

describe('bench CLI', () => {
  let dir = ''
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bench-smoke-'))
    await run('pnpm', ['tsc', '-b', 'apps/bench'], { cwd: ROOT })
  }, 300_000)
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  test('the tiny profile reports every scenario for every contender', async () => {
    const out = join(dir, 'BENCHMARKS.md')
    // A section another benchmark keeps in the file survives the rewrite; the rest is replaced.
    const kept =
      '<!-- whiteboard-frames:start -->\n## Whiteboard\n| a | b |\n<!-- whiteboard-frames:end -->'
    await writeFile(out, `# stale report\n\n${kept}\n`)
    const { code, stderr } = await cli(['--profile', 'tiny', '--out', out])
    const markdown = await readFile(out, 'utf8')
    expect(markdown).toContain(kept)
    expect(markdown).not.toContain('# stale report')
    expect(stderr).not.toMatch(/failed:/)
    expect(code).toBe(0)
    expect(markdown).toMatch(/## Machine/)
    expect(markdown).toMatch(/Node v\d+/)
    for (const contender of CONTENDERS) {
      expect(markdown).toContain(`**${contender.label}**`)
      expect(markdown).not.toContain(`**${contender.label}** — not measured`)
    }
    const sections = markdown.split('\n## ')
    for (const scenario of SCENARIOS) {
      const section = sections.find((s) => s.startsWith(scenario.title))
      expect(section, scenario.title).toBeDefined()
      const rows = (section ?? '')
        .split('\n')
        .filter((line) => line.startsWith('| ') && !line.startsWith('| figure'))
      expect(rows.length, scenario.title).toBeGreaterThan(0)
      // Each contender column holds a number or a stated reason in at least one row.
      CONTENDERS.forEach((contender, column) => {
        const cells = rows.map((row) => row.split(' | ')[3 + column] ?? '')
        expect(
          cells.some((cell) => /\d|n\/a/.test(cell)),
          `${scenario.title} / ${contender.label}`,
        ).toBe(true)
      })
    }
    // The headline figures are there with ratios.
    expect(markdown).toMatch(/\| p99, \d+ clients \| ms \|/)
    expect(markdown).toMatch(/storm: p99 during storm/)
  }, 600_000)

  test('bad arguments get a clear error and write nothing', async () => {
    const out = join(dir, 'never.md')
    const badProfile = await cli(['--profile', 'huge', '--out', out])
    expect(badProfile.code).toBe(2)
    expect(badProfile.stderr).toMatch(/unknown profile "huge"/)
    const badScenario = await cli(['--only', 'latency,warp', '--out', out])
    expect(badScenario.code).toBe(2)
    expect(badScenario.stderr).toMatch(/unknown scenario "warp"/)
    const badFlag = await cli(['--turbo'])
    expect(badFlag.code).toBe(2)
    expect(badFlag.stderr).toMatch(/turbo/)
    await expect(readFile(out)).rejects.toThrow(/ENOENT/)
  }, 120_000)
})
