import WebSocket from 'ws'
import * as Y from 'yjs'
import { nowMs, nowUs } from '../util/time.js'
import {
  EMPTY_UPDATE,
  SYNC,
  authFrame,
  awarenessFrame,
  encodeAwarenessEntry,
  parseFrame,
  syncFrame,
  type Dialect,
} from './frames.js'
import { scanMarkers, type Marker } from './markers.js'

/** Options of one benchmark client connection. */
export interface BenchClientOptions {
  /** WebSocket URL; for y-websocket it ends with the document name. */
  url: string
  dialect: Dialect
  /** Document name, e.g. `doc:bench-1`. */
  doc: string
  /**
   * Token: sent in the Hocuspocus auth message, or for y-websocket (no auth message) as the
   * `token` URL parameter when not empty, as a `WebsocketProvider` with `params` does.
   */
  token: string
  /** Keep a Y.Doc (needed to write edits or check content); receivers go without. @default false */
  withDoc?: boolean
  /** Awareness state announced once synced; null announces nothing. @default null */
  presence?: unknown
  /** Source address on loopback (spreads ephemeral ports over 127.0.0.x). @default undefined */
  localAddress?: string
  /** Called for every timing marker that arrives in an update (not in the initial sync). */
  onMarker?: (marker: Marker, receivedUs: number) => void
  /** Called with the time from sending an update to its acknowledgement (Hocuspocus only). */
  onAck?: (latencyMs: number, saved: boolean) => void
  /** Give up connecting after this long. @default 60000 */
  connectTimeoutMs?: number
}

/** Origin of updates applied from the server, so they are not sent back. */
const REMOTE = Symbol('remote')

/** Counters of what a client received. */
export interface ClientCounters {
  frames: number
  bytes: number
  updates: number
  awareness: number
}

/**
 * One real protocol client: a WebSocket speaking Hocuspocus or y-websocket sync. Lighter than
 * HocuspocusProvider (optional Y.Doc, no timers) so one process can run thousands of them.
 */
export class BenchClient {
  readonly doc: Y.Doc | null
  readonly counters: ClientCounters = { frames: 0, bytes: 0, updates: 0, awareness: 0 }
  /** Updates (and sync step 2s) sent and not yet acknowledged, oldest first. */
  private readonly unacked: number[] = []
  private socket: WebSocket | null = null
  private synced = false
  private closing = false
  private awarenessClock = 0
  private readonly options: BenchClientOptions

  constructor(options: BenchClientOptions) {
    this.options = options
    this.doc = options.withDoc ? new Y.Doc() : null
    this.doc?.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE && this.synced) this.sendSync(SYNC.update, update)
    })
  }

  /** True once the first sync step 2 arrived on the current socket. */
  get isSynced(): boolean {
    return this.synced
  }

  /** True while the socket is open. */
  get isOpen(): boolean {
    return this.socket?.readyState === WebSocket.OPEN
  }

  /** Acknowledgements received on the current socket. */
  acked = 0

  /** Sent updates waiting for their acknowledgement. */
  get pendingAcks(): number {
    return this.unacked.length
  }

  /** Opens the socket and resolves with the milliseconds until the document was synced. */
  connect(): Promise<number> {
    const { url, dialect, doc, token, connectTimeoutMs = 60_000, localAddress } = this.options
    const started = nowMs()
    this.synced = false
    this.closing = false
    this.unacked.length = 0
    this.acked = 0
    return new Promise<number>((resolve, reject) => {
      const address =
        dialect === 'y-websocket' && token !== ''
          ? `${url}?token=${encodeURIComponent(token)}`
          : url
      const socket = new WebSocket(address, localAddress ? { localAddress } : {})
      socket.binaryType = 'nodebuffer'
      this.socket = socket
      const timer = setTimeout(
        () => fail(new Error(`no sync within ${connectTimeoutMs} ms`)),
        connectTimeoutMs,
      )
      let settled = false
      const fail = (error: Error): void => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        socket.terminate()
        reject(error)
      }
      const done = (): void => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        resolve(nowMs() - started)
      }
      socket.on('open', () => {
        if (dialect === 'hocuspocus') socket.send(authFrame(doc, token))
        else this.startSync()
      })
      socket.on('message', (data: Buffer) => {
        try {
          this.receive(data, done)
        } catch (error) {
          fail(new Error(`malformed frame from server: ${(error as Error).message}`))
        }
      })
      socket.on('error', (error) => fail(error))
      socket.on('close', (code, reason) => {
        if (!this.closing) fail(new Error(`closed before sync: ${code} ${reason.toString()}`))
      })
    })
  }

  private startSync(): void {
    const stateVector = this.doc ? Y.encodeStateVector(this.doc) : new Uint8Array([0])
    this.sendSync(SYNC.step1, stateVector)
  }

  private receive(data: Buffer, synced: () => void): void {
    const { dialect, doc } = this.options
    this.counters.frames++
    this.counters.bytes += data.byteLength
    const message = parseFrame(dialect, data)
    switch (message.kind) {
      case 'authenticated':
        this.startSync()
        return
      case 'denied':
        throw new Error(`permission denied: ${message.reason}`)
      case 'step1': {
        const reply = this.doc ? Y.encodeStateAsUpdate(this.doc, message.stateVector) : EMPTY_UPDATE
        this.sendSync(SYNC.step2, reply)
        return
      }
      case 'step2':
        if (this.doc) Y.applyUpdate(this.doc, message.update, REMOTE)
        if (!this.synced) {
          this.synced = true
          if (this.options.presence != null) this.announce(this.options.presence)
          synced()
        }
        return
      case 'update': {
        this.counters.updates++
        const onMarker = this.options.onMarker
        if (onMarker) {
          const receivedUs = nowUs()
          scanMarkers(message.update, (marker) => onMarker(marker, receivedUs))
        }
        if (this.doc) Y.applyUpdate(this.doc, message.update, REMOTE)
        return
      }
      case 'awareness':
        this.counters.awareness++
        return
      case 'ack': {
        this.acked++
        const sentAt = this.unacked.shift()
        if (sentAt !== undefined) this.options.onAck?.(nowMs() - sentAt, message.saved)
        return
      }
      case 'other':
        return
      default: {
        const unreachable: never = message
        throw new Error(`unhandled frame ${JSON.stringify(unreachable)} on ${doc}`)
      }
    }
  }

  private sendSync(kind: number, payload: Uint8Array): void {
    const socket = this.socket
    if (!socket || socket.readyState !== WebSocket.OPEN) return
    if (kind !== SYNC.step1 && this.options.dialect === 'hocuspocus') this.unacked.push(nowMs())
    socket.send(syncFrame(this.options.dialect, this.options.doc, kind, payload))
  }

  /** Sends an awareness update for this client (a fresh clock each time, as y-protocols does). */
  announce(state: unknown): void {
    const socket = this.socket
    if (!socket || socket.readyState !== WebSocket.OPEN) return
    const clientId = this.doc?.clientID ?? this.fallbackClientId
    const update = encodeAwarenessEntry(clientId, ++this.awarenessClock, state)
    socket.send(awarenessFrame(this.options.dialect, this.options.doc, update))
  }

  private readonly fallbackClientId = Math.floor(Math.random() * 0x7fffffff)

  /** Closes the socket and resolves once it is closed. */
  close(): Promise<void> {
    const socket = this.socket
    this.closing = true
    this.synced = false
    if (!socket || socket.readyState === WebSocket.CLOSED) return Promise.resolve()
    return new Promise((resolve) => {
      socket.once('close', () => resolve())
      socket.close()
    })
  }
}
