import type { ContentKind } from '../protocol/content.js'
import type { Dialect } from '../protocol/frames.js'

/** One client a load worker opens. */
export interface ClientSpec {
  url: string
  dialect: Dialect
  doc: string
  token: string
  /** Writer id (>= 0): this client keeps a Y.Doc and types when told to. */
  writer?: number
  /** Awareness state announced after sync; absent = none. */
  presence?: unknown
  localAddress?: string
}

/** Commands the coordinator sends to a load worker. */
export type WorkerCommand =
  | { cmd: 'open'; clients: ClientSpec[]; concurrency: number; timeoutMs: number }
  | { cmd: 'type'; editsPerSecond: number; durationMs: number; content?: ContentKind }
  | { cmd: 'storm' }
  | { cmd: 'collect' }
  | { cmd: 'count' }
  | { cmd: 'alive' }
  | { cmd: 'close' }

/** Result of opening (or re-opening in a storm) a batch of clients. */
export interface OpenResult {
  connected: number
  failed: number
  /** First few distinct failure messages. */
  errors: string[]
  /** From the first connect to the last sync, ms. */
  elapsedMs: number
}

/** Samples and counters a worker collected since the last collect. */
export interface Collected {
  /** Edit-to-peer latency per delivery, ms. */
  latencyMs: Float64Array
  /** When each sampled edit was sent (monotonic µs), parallel to latencyMs. */
  sentUs: Float64Array
  frames: number
  bytes: number
  updates: number
  awareness: number
  /** Edits this worker's writers sent. */
  edits: number
  /** Acknowledgement latencies of this worker's writers, ms. */
  ackMs: Float64Array
}

export type WorkerReply =
  { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string }
