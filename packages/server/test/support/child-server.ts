import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { SECRET } from './helpers.js'

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url))
const MAIN = fileURLToPath(new URL('../../../../apps/server/dist/main.js', import.meta.url))

/** Builds apps/server (and the packages it references) so `node dist/main.js` runs current code. */
export function buildServerApp(): void {
  execFileSync('pnpm', ['tsc', '-b', 'apps/server'], { cwd: ROOT, stdio: 'inherit' })
}

/** A free TCP port on 127.0.0.1 (so a restarted server can take the same one). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

/** The runnable server (apps/server dist) as a child process. */
export interface ChildServer {
  child: ChildProcess
  url: string
  /** Resolves with the exit code/signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  output: () => string
}

export async function spawnServer(env: Record<string, string>): Promise<ChildServer> {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, TANDEM_JWT_SECRET: SECRET, TANDEM_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  )
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      // Never leave an orphan server behind a failed start.
      child.kill('SIGKILL')
      reject(new Error(`server did not start:\n${output}`))
    }, 20_000)
    child.stdout?.on('data', (d: Buffer) => {
      output += d.toString()
      const match = /"event":"server.listening","url":"([^"]+)"/.exec(output)
      if (match?.[1]) {
        clearTimeout(timer)
        resolve(match[1])
      }
    })
    void exited.then(({ code }) => reject(new Error(`server exited with ${code}:\n${output}`)))
  })
  return { child, url, exited, output: () => output }
}
