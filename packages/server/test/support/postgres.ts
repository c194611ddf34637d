import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { chownSync, existsSync, readdirSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { freePort } from './child-server.js'

/** The Debian package's binaries (`apt-get install postgresql`), newest major version first. */
export function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return undefined
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a))
  return versions[0] ? join(root, versions[0], 'bin') : undefined
}

/** A throwaway Postgres cluster on 127.0.0.1, owned by the test run. */
export interface TestPostgres {
  /** URL of the cluster's `postgres` database (superuser `tandem`, trust auth). */
  url: string
  /** A fresh, empty database on the cluster; returns its URL. */
  createDatabase(): Promise<string>
  stop(): Promise<void>
}

let databases = 0

/**
 * initdb into a temp dir and start `postgres` on a free port (socket in the same dir), as the
 * `postgres` user when running as root (Postgres refuses to run as root). Resolves once it
 * accepts connections; `stop()` shuts it down (fast mode) and removes the dir.
 */
export async function startPostgres(): Promise<TestPostgres> {
  const bin = postgresBin()
  if (!bin) throw new Error('postgresql is not installed (apt-get install postgresql)')
  const dir = await mkdtemp(join(tmpdir(), 'tandem-pg-'))
  const owner = process.getuid?.() === 0 ? userIds('postgres') : undefined
  if (owner) chownSync(dir, owner.uid, owner.gid)
  const data = join(dir, 'data')
  execFileSync(
    join(bin, 'initdb'),
    ['-D', data, '-U', 'tandem', '-A', 'trust', '--no-sync', '-E', 'UTF8'],
    { stdio: 'pipe', ...owner },
  )
  const port = await freePort()
  // fsync off: this cluster never outlives the test run and the tests kill Tandem, not
  // Postgres; commits are still commits (an acknowledged append is visible to every instance).
  const server: ChildProcess = spawn(
    join(bin, 'postgres'),
    [
      ...['-D', data, '-k', dir, '-p', String(port)],
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=200'],
      // Several test files run a cluster each at once: keep each one's memory small.
      ...['-c', 'shared_buffers=16MB'],
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], ...owner },
  )
  let output = ''
  server.stdout?.on('data', (d: Buffer) => (output += d.toString()))
  server.stderr?.on('data', (d: Buffer) => (output += d.toString()))
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()))
  const url = `postgres://tandem@127.0.0.1:${port}/postgres`
  await waitUntilAccepting(url, exited, () => output)
  return {
    url,
    async createDatabase() {
      const name = `tandem_test_${process.pid}_${++databases}`
      const client = new pg.Client({ connectionString: url })
      await client.connect()
      try {
        await client.query(`CREATE DATABASE ${name}`)
      } finally {
        await client.end()
      }
      return `postgres://tandem@127.0.0.1:${port}/${name}`
    },
    async stop() {
      if (server.exitCode === null && server.signalCode === null) {
        server.kill('SIGINT') // fast shutdown: rolls back open transactions and exits
        await exited
      }
      await rm(dir, { recursive: true, force: true })
    },
  }
}

function userIds(name: string): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', name]).toString().trim())
  const gid = Number(execFileSync('id', ['-g', name]).toString().trim())
  return { uid, gid }
}

async function waitUntilAccepting(
  url: string,
  exited: Promise<void>,
  output: () => string,
): Promise<void> {
  let gone = false
  void exited.then(() => (gone = true))
  const deadline = Date.now() + 20_000
  for (;;) {
    if (gone) throw new Error(`postgres exited during start-up:\n${output()}`)
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 })
    client.on('error', () => undefined)
    try {
      await client.connect()
      await client.query('SELECT 1')
      await client.end()
      return
    } catch (error) {
      await client.end().catch(() => undefined)
      if (Date.now() > deadline) {
        throw new Error(`postgres did not accept connections: ${String(error)}\n${output()}`)
      }
      await new Promise((r) => setTimeout(r, 50))
    }
  }
}
