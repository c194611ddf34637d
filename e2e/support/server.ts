import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
/** The built server; the README's test command builds it (and apps/web/dist) before e2e. */
export const SERVER_MAIN = join(ROOT, 'apps/server/dist/main.js')
/** The built web app the server serves; without it every page would be a placeholder. */
const WEB_INDEX = join(ROOT, 'apps/web/dist/index.html')
const START_TIMEOUT_MS = 20_000

/** A real Tandem server in a child process, on one port and one data dir for its lifetime. */
export interface ServerProcess {
  readonly url: string
  readonly port: number
  readonly dataDir: string
  /** Kills the process with SIGKILL (a crash: nothing gets flushed) and waits for its exit. */
  kill(): Promise<void>
  /** Starts it again on the same port and data dir; resolves once /health answers. */
  start(): Promise<void>
  /** SIGTERM, wait, remove the data dir. */
  dispose(): Promise<void>
  /** Everything the process printed (for failure messages). */
  output(): string
}

/** A free TCP port on 127.0.0.1, asked from the OS (port 0), so parallel workers never clash. */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      if (address === null || typeof address === 'string') {
        reject(new Error('no port'))
        return
      }
      probe.close(() => resolvePort(address.port))
    })
  })
}

/**
 * Starts `node apps/server/dist/main.js` with PORT on a free port and a temp TANDEM_DATA_DIR;
 * `env` adds variables (e.g. TANDEM_JWT_SECRET for a host app's tokens).
 */
export async function startServer(env: Record<string, string> = {}): Promise<ServerProcess> {
  for (const built of [SERVER_MAIN, WEB_INDEX]) {
    if (!existsSync(built)) throw new Error(`${built} is missing: build first (pnpm build)`)
  }
  const port = await freePort()
  const dataDir = await mkdtemp(join(tmpdir(), 'tandem-e2e-'))
  const url = `http://127.0.0.1:${port}`
  let child: ChildProcess | null = null
  let log = ''

  const waitForHealth = async (proc: ChildProcess) => {
    const deadline = Date.now() + START_TIMEOUT_MS
    while (Date.now() < deadline) {
      if (proc.exitCode !== null) throw new Error(`server exited with ${proc.exitCode}:\n${log}`)
      const ok = await fetch(`${url}/health`).then(
        (response) => response.ok,
        () => false,
      )
      if (ok) return
      await new Promise((wake) => setTimeout(wake, 100))
    }
    throw new Error(`server not healthy after ${START_TIMEOUT_MS} ms:\n${log}`)
  }

  const exited = (proc: ChildProcess) =>
    new Promise<void>((done) =>
      proc.exitCode !== null || proc.signalCode !== null ? done() : proc.once('exit', () => done()),
    )

  const server: ServerProcess = {
    url,
    port,
    dataDir,
    async start() {
      if (child && child.exitCode === null && child.signalCode === null)
        throw new Error('server already running')
      const proc = spawn(process.execPath, [SERVER_MAIN], {
        cwd: ROOT,
        env: {
          ...process.env,
          PORT: String(port),
          HOST: '127.0.0.1',
          TANDEM_DATA_DIR: dataDir,
          TANDEM_LOG_LEVEL: process.env.TANDEM_LOG_LEVEL ?? 'warn',
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      proc.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()))
      proc.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()))
      child = proc
      await waitForHealth(proc)
    },
    async kill() {
      if (!child) return
      const proc = child
      proc.kill('SIGKILL')
      await exited(proc)
    },
    async dispose() {
      if (child) {
        const proc = child
        proc.kill('SIGTERM')
        const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000)
        await exited(proc)
        clearTimeout(timer)
      }
      await rm(dataDir, { recursive: true, force: true })
    },
    output: () => log,
  }
  await server.start()
  return server
}
