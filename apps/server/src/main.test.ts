import { execFileSync, spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url))

function run(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [MAIN, ...args], { env: { ...process.env, ...env } })
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (out += d.toString()))
    child.on('exit', (code) => resolve({ code, out }))
  })
}

describe('tandem-server (dist/main.js)', () => {
  beforeAll(() => {
    execFileSync('pnpm', ['tsc', '-b', 'apps/server'], { cwd: ROOT, stdio: 'inherit' })
  }, 120_000)

  it('prints usage for --help and exits 0', async () => {
    const { code, out } = await run(['--help'])
    expect(code).toBe(0)
    expect(out).toContain('TANDEM_DATA_DIR')
  })

  it('refuses a bad PORT with a message and exit code 1', async () => {
    const { code, out } = await run([], { PORT: 'eighty' })
    expect(code).toBe(1)
    expect(out).toContain('PORT must be an integer')
  })

  it('refuses unknown arguments', async () => {
    const { code, out } = await run(['--bogus'])
    expect(code).toBe(1)
    expect(out).toContain('unknown argument')
  })

  it('refuses an unreachable TANDEM_DATABASE_URL at start with one line and exit code 1', async () => {
    const { code, out } = await run([], {
      PORT: '0',
      TANDEM_JWT_SECRET: 'a-long-enough-secret',
      TANDEM_DATABASE_URL: 'postgres://tandem:hunter2@127.0.0.1:1/tandem',
    })
    expect(code).toBe(1)
    expect(out).toMatch(
      /cannot use the Postgres database at postgres:\/\/tandem:\*\*\*@127\.0\.0\.1:1/,
    )
    expect(out).not.toContain('hunter2')
  })

  it('refuses a malformed TANDEM_DATABASE_URL', async () => {
    const { code, out } = await run([], { TANDEM_DATABASE_URL: 'postgres://:5432' })
    expect(code).toBe(1)
    expect(out).toContain('TANDEM_DATABASE_URL')
  })

  it('serves /health and exits 0 on SIGTERM', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'tandem-main-'))
    try {
      const child = spawn(process.execPath, [MAIN], {
        env: { ...process.env, PORT: '0', TANDEM_DATA_DIR: dataDir },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      const exited = new Promise<number | null>((resolve) =>
        child.on('exit', (code) => resolve(code)),
      )
      const url = await new Promise<string>((resolve, reject) => {
        let out = ''
        const timer = setTimeout(() => {
          child.kill('SIGKILL')
          reject(new Error(out))
        }, 20_000)
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString()
          const match = /"event":"server.listening","url":"([^"]+)"/.exec(out)
          if (match?.[1]) {
            clearTimeout(timer)
            resolve(match[1])
          }
        })
      })
      const health = await fetch(`${url}/health`)
      expect(health.status).toBe(200)
      expect(await health.json()).toMatchObject({ status: 'ok', auth: 'local' })
      child.kill('SIGTERM')
      expect(await exited).toBe(0)
    } finally {
      await rm(dataDir, { recursive: true, force: true })
    }
  })
})
