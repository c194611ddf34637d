import type { Dialect } from '../protocol/frames.js'

/** Which server a figure belongs to. */
export type ContenderId = 'tandem' | 'hocuspocus' | 'y-websocket' | 'tandem-yjs'

/** Memory of a server process at one moment (heap after a forced GC). */
export interface MemorySample {
  rss: number
  heapUsed: number
}

/** A server process the bench started. */
export interface RunningServer {
  readonly pid: number
  readonly port: number
  readonly dataDir: string
  /** Milliseconds from spawning the process to its first HTTP answer. */
  readonly startMs: number
  /** WebSocket URL for a document (y-websocket names it in the path). */
  wsUrl(doc: string): string
  /** A token for user `index` that may edit every `doc:` document. */
  token(index: number): string
  /** RSS from /proc and heap reported by the process itself. */
  memory(): Promise<MemorySample>
  /** CPU milliseconds used so far. */
  cpuMs(): Promise<number>
  /** Bytes written to storage so far (/proc/<pid>/io write_bytes). */
  writeBytes(): Promise<number>
  /** SIGTERM (the server flushes), wait for exit; SIGKILL after a deadline. */
  stop(): Promise<void>
  /** Prometheus text from the server's /metrics, or null when it has none. */
  metricsText(): Promise<string | null>
  /** SIGKILL (a crash: nothing is flushed), wait for exit. */
  kill(): Promise<void>
}

/** A server under test: how to start it and what it promises. */
export interface Contender {
  readonly id: ContenderId
  readonly label: string
  readonly dialect: Dialect
  /** Stores documents on disk (y-websocket's default setup keeps them in memory only). */
  readonly persists: boolean
  /** Acknowledges updates (Hocuspocus SyncStatus); y-websocket has no acknowledgement. */
  readonly acks: boolean
  /** Null when it can run here, else why not (e.g. not built). */
  unavailable(): string | null
  /** Starts the server on loopback with `dataDir` (reused across a restart). */
  start(dataDir: string): Promise<RunningServer>
}
