import { fork, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { readCpuMs, readRss, readWriteBytes } from '../util/proc.js'
import { httpGet } from '../util/net.js'
import type { MemorySample, RunningServer } from './types.js'

/** How to launch one server child. */
export interface ServerProcessOptions {
  /** Entry script (built JavaScript). */
  entry: string
  env: Record<string, string>
  port: number
  dataDir: string
  /** HTTP path polled until it answers, e.g. '/health'. */
  readyPath: string
  /** Builds the WebSocket URL of a document. */
  wsUrl: (doc: string) => string
  token: (index: number) => string
  /** HTTP path of Prometheus metrics, if the server has one. @default undefined */
  metricsPath?: string
  /** Give up waiting for readiness after this long. @default 30000 */
  readyTimeoutMs?: number
  /** SIGKILL if the server has not exited this long after SIGTERM. @default 30000 */
  stopTimeoutMs?: number
}

/**
 * BENCH_SERVER_NODE_ARGS reaches the servers only (not the load workers), e.g.
 * `--cpu-prof --cpu-prof-dir=/tmp/prof` to see where a server spends its time.
 */
const EXTRA_NODE_ARGS = (process.env.BENCH_SERVER_NODE_ARGS ?? '')
  .split(' ')
  .filter((arg) => arg !== '')

const METRICS_HOOK = fileURLToPath(new URL('../servers/metrics-hook.js', import.meta.url))

/** Keeps the last few KB of a stream, for error messages. */
function tail(child: ChildProcess): () => string {
  let text = ''
  const keep = (chunk: Buffer): void => {
    text = (text + chunk.toString('utf8')).slice(-4000)
  }
  // Reading stdout also matters for the server: an undrained pipe would block its logging.
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  return () => text
}

/**
 * Starts a server in its own process (so its CPU and memory are its own) with the metrics hook
 * preloaded, and resolves once it answers HTTP.
 */
export async function startServerProcess(options: ServerProcessOptions): Promise<RunningServer> {
  const {
    entry,
    env,
    port,
    dataDir,
    readyPath,
    readyTimeoutMs = 30_000,
    stopTimeoutMs = 30_000,
  } = options
  const spawnedAt = performance.now()
  const child = fork(entry, [], {
    env: { ...process.env, ...env },
    execArgv: ['--expose-gc', '--import', METRICS_HOOK, ...EXTRA_NODE_ARGS],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  })
  const output = tail(child)
  let exited: { code: number | null; signal: string | null } | null = null
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = { code, signal }
      resolve()
    }),
  )
  child.on('error', (error) => {
    exited ??= { code: null, signal: `spawn error: ${error.message}` }
  })
  const pid = child.pid
  if (pid === undefined) throw new Error(`could not start ${entry}`)

  const deadline = Date.now() + readyTimeoutMs
  for (;;) {
    if (exited)
      throw new Error(`${entry} exited during start-up (${JSON.stringify(exited)}):\n${output()}`)
    try {
      const { status } = await httpGet(`http://127.0.0.1:${port}${readyPath}`, 1000)
      if (status > 0 && status < 500) break
    } catch (error) {
      // Not listening yet: ECONNREFUSED is the expected answer until it is.
      if (Date.now() > deadline)
        throw new Error(
          `${entry} not ready after ${readyTimeoutMs} ms: ${String(error)}\n${output()}`,
        )
    }
    if (Date.now() > deadline)
      throw new Error(`${entry} not ready after ${readyTimeoutMs} ms\n${output()}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }

  const startMs = performance.now() - spawnedAt
  let nextId = 1
  const memory = (): Promise<MemorySample> =>
    new Promise<MemorySample>((resolve, reject) => {
      const id = nextId++
      const timer = setTimeout(() => {
        child.off('message', onMessage)
        reject(new Error(`${entry} did not report memory`))
      }, 10_000)
      const onMessage = (message: unknown): void => {
        const m = message as { type?: string; id?: number; heapUsed?: number }
        if (m.type !== 'bench:memory' || m.id !== id) return
        clearTimeout(timer)
        child.off('message', onMessage)
        readRss(pid).then((rss) => resolve({ rss, heapUsed: m.heapUsed ?? Number.NaN }), reject)
      }
      child.on('message', onMessage)
      child.send({ type: 'bench:memory', id })
    })

  return {
    pid,
    port,
    dataDir,
    startMs,
    wsUrl: options.wsUrl,
    token: options.token,
    memory,
    cpuMs: () => readCpuMs(pid),
    async metricsText() {
      if (!options.metricsPath) return null
      const { status, body } = await httpGet(`http://127.0.0.1:${port}${options.metricsPath}`)
      if (status !== 200) throw new Error(`GET ${options.metricsPath} answered ${status}`)
      return body
    },
    writeBytes: () => readWriteBytes(pid),
    async stop() {
      if (exited) return
      child.kill('SIGTERM')
      const timer = setTimeout(() => {
        process.stderr.write(
          `bench: ${entry} ignored SIGTERM for ${stopTimeoutMs} ms, killing it\n`,
        )
        child.kill('SIGKILL')
      }, stopTimeoutMs)
      await exit
      clearTimeout(timer)
    },
    async kill() {
      if (exited) return
      child.kill('SIGKILL')
      await exit
    },
  }
}
