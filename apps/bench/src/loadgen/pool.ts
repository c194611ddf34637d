import { fork, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { ContentKind } from '../protocol/content.js'
import type { ClientSpec, Collected, OpenResult, WorkerCommand, WorkerReply } from './messages.js'

const WORKER = fileURLToPath(new URL('./worker.js', import.meta.url))

/** One load-generator child process. */
export class LoadWorker {
  private readonly child: ChildProcess
  private nextId = 1
  private readonly pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void }
  >()
  private exitError: Error | null = null

  constructor() {
    // 'advanced' serialization moves typed arrays of samples without JSON.
    this.child = fork(WORKER, [], {
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    this.child.on('message', (reply: WorkerReply) => {
      const waiter = this.pending.get(reply.id)
      if (!waiter) return
      this.pending.delete(reply.id)
      if (reply.ok) waiter.resolve(reply.result)
      else waiter.reject(new Error(`load worker: ${reply.error}`))
    })
    this.child.on('exit', (code, signal) => {
      this.exitError = new Error(`load worker exited (${code ?? signal})`)
      for (const waiter of this.pending.values()) waiter.reject(this.exitError)
      this.pending.clear()
    })
  }

  /** Process id of the worker (for its CPU time). */
  get pid(): number | undefined {
    return this.child.pid
  }

  private request<T>(command: WorkerCommand): Promise<T> {
    if (this.exitError) return Promise.reject(this.exitError)
    const id = this.nextId++
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject })
      this.child.send({ id, command })
    })
  }

  /** Opens clients, at most `concurrency` handshakes at a time; resolves when all settled. */
  open(clients: ClientSpec[], concurrency = 64, timeoutMs = 60_000): Promise<OpenResult> {
    return this.request({ cmd: 'open', clients, concurrency, timeoutMs })
  }

  /** Writers type at `editsPerSecond` each for `durationMs`; resolves with edits sent. */
  type(editsPerSecond: number, durationMs: number, content: ContentKind = 'text'): Promise<number> {
    return this.request({ cmd: 'type', editsPerSecond, durationMs, content })
  }

  /** Every non-writer reconnects at once. */
  storm(): Promise<OpenResult> {
    return this.request({ cmd: 'storm' })
  }

  /** Samples and counters since the last collect. */
  collect(): Promise<Collected> {
    return this.request({ cmd: 'collect' })
  }

  /** Deliveries sampled since the last collect (does not reset). */
  count(): Promise<number> {
    return this.request({ cmd: 'count' })
  }

  /** Clients whose socket is still open. */
  alive(): Promise<number> {
    return this.request({ cmd: 'alive' })
  }

  /** Closes every client (the worker stays up). */
  closeClients(): Promise<void> {
    return this.request({ cmd: 'close' })
  }

  /** Ends the worker process. */
  async stop(): Promise<void> {
    if (this.exitError) return
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()))
    this.child.kill('SIGTERM')
    await exited
  }
}

/** Merges what several workers collected. */
export function mergeCollected(parts: readonly Collected[]): Collected {
  const concat = (pick: (c: Collected) => Float64Array): Float64Array => {
    const out = new Float64Array(parts.reduce((n, c) => n + pick(c).length, 0))
    let at = 0
    for (const part of parts) {
      out.set(pick(part), at)
      at += pick(part).length
    }
    return out
  }
  return {
    latencyMs: concat((c) => c.latencyMs),
    sentUs: concat((c) => c.sentUs),
    ackMs: concat((c) => c.ackMs),
    frames: parts.reduce((n, c) => n + c.frames, 0),
    bytes: parts.reduce((n, c) => n + c.bytes, 0),
    updates: parts.reduce((n, c) => n + c.updates, 0),
    awareness: parts.reduce((n, c) => n + c.awareness, 0),
    edits: parts.reduce((n, c) => n + c.edits, 0),
  }
}
