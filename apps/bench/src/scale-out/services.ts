import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { chownSync, existsSync, readdirSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { freePort } from '../util/net.js'

/** apps/server's runnable entry (built by `tsc -b` here, which references it). */
const TANDEM_MAIN = fileURLToPath(new URL('../../../server/dist/main.js', import.meta.url))

/** A child process the scale-out bench started, and how to end it. */
export interface Service {
  url: string
  stop(): Promise<void>
}

// The same throwaway set-up as packages/server/test/support (postgres.ts, redis-server.ts);
// repeated here because the bench is not a test and does not import test code.

/** A Postgres cluster from Debian's package in a temp dir (as `postgres` when run as root). */
export async function startPostgres(): Promise<Service> {
  const root = '/usr/lib/postgresql'
  const version = existsSync(root)
    ? readdirSync(root).find((v) => existsSync(join(root, v, 'bin', 'initdb')))
    : undefined
  if (!version) throw new Error('postgresql is not installed (apt-get install postgresql)')
  const bin = join(root, version, 'bin')
  const dir = await mkdtemp(join(tmpdir(), 'tandem-bench-pg-'))
  const ids = (flag: string): number =>
    Number(execFileSync('id', [flag, 'postgres']).toString().trim())
  const owner = process.getuid?.() === 0 ? { uid: ids('-u'), gid: ids('-g') } : undefined
  if (owner) chownSync(dir, owner.uid, owner.gid)
  const data = join(dir, 'data')
  execFileSync(join(bin, 'initdb'), ['-D', data, '-U', 'tandem', '-A', 'trust', '--no-sync'], {
    stdio: 'pipe',
    ...owner,
  })
  const port = await freePort()
  // Durable commits (fsync on), as a production database would run.
  const child = spawn(
    join(bin, 'postgres'),
    ['-D', data, '-k', dir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1'],
    { stdio: ['ignore', 'pipe', 'pipe'], ...owner },
  )
  await readyLine(child, 'database system is ready to accept connections')
  return {
    url: `postgres://tandem@127.0.0.1:${port}/postgres`,
    async stop() {
      await end(child, 'SIGINT')
      await rm(dir, { recursive: true, force: true })
    },
  }
}

/** redis-server on a free port, nothing persisted. */
export async function startRedis(): Promise<Service> {
  const port = await freePort()
  const child = spawn(
    '/usr/bin/redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  await readyLine(child, 'Ready to accept connections')
  return { url: `redis://127.0.0.1:${port}`, stop: () => end(child, 'SIGTERM') }
}

/** One Tandem instance (apps/server) on the shared store and Redis; url is its ws /collab. */
export async function startTandem(
  id: string,
  env: { databaseUrl: string; redisUrl: string; secret: string; dataDir: string },
): Promise<Service> {
  const port = await freePort()
  const child = spawn(process.execPath, [TANDEM_MAIN], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      TANDEM_DATA_DIR: join(env.dataDir, id),
      TANDEM_JWT_SECRET: env.secret,
      TANDEM_DATABASE_URL: env.databaseUrl,
      TANDEM_REDIS_URL: env.redisUrl,
      TANDEM_INSTANCE_ID: id,
      TANDEM_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 30_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`tandem ${id} exited with ${child.exitCode}`)
    const ok = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    )
    if (ok) break
    if (Date.now() > deadline) throw new Error(`tandem ${id} did not become healthy`)
    await new Promise((r) => setTimeout(r, 50))
  }
  return { url: `ws://127.0.0.1:${port}/collab`, stop: () => end(child, 'SIGTERM') }
}

function readyLine(child: ChildProcess, line: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`not ready: ${out}`)), 30_000)
    const seen = (d: Buffer): void => {
      out += d.toString()
      if (out.includes(line)) {
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout?.on('data', seen)
    child.stderr?.on('data', seen)
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${out}`)))
  })
}

async function end(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((r) => child.once('exit', r))
  child.kill(signal)
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
  await exited
  clearTimeout(timer)
}
