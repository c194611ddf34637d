import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { freePort } from './child-server.js'

/** Debian's redis-server (`apt-get install redis-server`). */
export const REDIS_SERVER = '/usr/bin/redis-server'

/** True when redis-server is installed. */
export const hasRedis = existsSync(REDIS_SERVER)

/** A throwaway redis-server on 127.0.0.1 with nothing persisted. */
export interface TestRedis {
  url: string
  /** Kills the server (SIGKILL: nothing flushed, every connection dropped). */
  kill(): Promise<void>
  /** Starts it again on the same port. */
  restart(): Promise<void>
  stop(): Promise<void>
}

/** Starts redis-server on a free port and resolves once it accepts connections. */
export async function startRedis(): Promise<TestRedis> {
  const port = await freePort()
  let server = await launch(port)
  const kill = async (): Promise<void> => {
    if (server.exitCode !== null || server.signalCode !== null) return
    const exited = new Promise((r) => server.once('exit', r))
    server.kill('SIGKILL')
    await exited
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    kill,
    async restart() {
      await kill()
      server = await launch(port)
    },
    stop: kill,
  }
}

async function launch(port: number): Promise<ChildProcess> {
  const server = spawn(
    REDIS_SERVER,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  await new Promise<void>((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`redis did not start: ${out}`)), 10_000)
    server.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`redis exited with ${code}: ${out}`))
    })
    server.stdout?.on('data', (d: Buffer) => {
      out += d.toString()
      if (out.includes('Ready to accept connections')) {
        clearTimeout(timer)
        resolve()
      }
    })
  })
  return server
}
