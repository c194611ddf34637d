import {
  HocuspocusProviderWebsocket,
  WebSocketStatus,
  type onCloseParameters,
} from '@hocuspocus/provider'
import { AuthGate } from './auth-gate.js'
import { Backoff, type BackoffOptions } from './backoff.js'
import { readFrameHeader, type FrameKind } from './wire.js'

/** What the socket asks of the document a frame belongs to. */
export interface FrameObserver {
  /**
   * A content frame (`step2` or `update`) is about to be written. Return false to drop it:
   * the next sync handshake carries the same content (Yjs sync is state-based).
   */
  beforeContentFrame(kind: 'step2' | 'update', open: boolean): boolean
  /**
   * Whether this document may send other frames (awareness, stateless) now: only once its
   * authentication has started on this connection.
   */
  mayTalk(): boolean
  /** The server acknowledged (or refused) the oldest content frame of this document. */
  onAck(applied: boolean): void
  /** The connection closed: frames written on it will never be acknowledged. */
  onConnectionLost(): void
}

/** Options of {@link TandemSocket}. */
export interface TandemSocketOptions {
  url: string
  WebSocketPolyfill: unknown
  reconnect: Required<BackoffOptions>
}

const WS_OPEN = 1

/** Documents authenticating at once; Hocuspocus closes a socket with over 100 pending. */
const AUTH_CONCURRENCY = 32

/**
 * The one WebSocket of a client, shared by every open document.
 *
 * It extends the provider's socket for two reasons the provider has no option for:
 * - acknowledgement tracking: it sees every content frame written and every `sync-status`
 *   frame received, in wire order, and routes them to the document's {@link FrameObserver};
 * - reconnection: the provider reconnects after a fixed delay once a connection was up (no
 *   jitter: every client returns in the same instant after a server restart) and its retry
 *   sleeps cannot be cancelled. Here every connection attempt is a single attempt, and the
 *   socket schedules the next one itself with full-jitter backoff on a timer that
 *   `disconnect()` and `destroy()` clear.
 */
export class TandemSocket extends HocuspocusProviderWebsocket {
  /** Paces document authentication on this socket (see AuthGate). */
  readonly authGate = new AuthGate(AUTH_CONCURRENCY)
  private readonly observers = new Map<string, FrameObserver>()
  private readonly backoff: Backoff
  private retryTimer: ReturnType<typeof setTimeout> | null = null
  private attemptTimer: ReturnType<typeof setTimeout> | null = null
  private readonly connectTimeoutMs: number
  /** The client wants a connection (connect() called, not disconnected or destroyed). */
  private wanted = false
  private destroyed = false

  constructor(options: TandemSocketOptions) {
    super({
      url: options.url,
      WebSocketPolyfill: options.WebSocketPolyfill,
      autoConnect: false,
      // One attempt per connect(); retries are scheduled by this class (see above).
      maxAttempts: 1,
    })
    this.backoff = new Backoff(options.reconnect)
    this.connectTimeoutMs = options.reconnect.connectTimeoutMs
    this.on('connect', () => this.backoff.reset())
    this.on('status', ({ status }: { status: WebSocketStatus }) => {
      if (status !== WebSocketStatus.Connecting) this.clearAttemptTimer()
    })
    this.on('maxAttemptsFailed', () => this.scheduleRetry())
  }

  /** True while the WebSocket is open. */
  get isOpen(): boolean {
    return this.webSocket?.readyState === WS_OPEN
  }

  /** Routes frames of the document with routing key `key` to `observer`. */
  observe(key: string, observer: FrameObserver): void {
    this.observers.set(key, observer)
  }

  unobserve(key: string): void {
    this.observers.delete(key)
  }

  /** Connect now (cancels a pending retry and resets the backoff). */
  override connect(): Promise<unknown> {
    if (this.destroyed) return Promise.resolve()
    this.wanted = true
    this.clearRetry()
    this.backoff.reset()
    return super.connect()
  }

  override disconnect(): void {
    this.wanted = false
    this.clearRetry()
    super.disconnect()
    // The close event arrives later; until then the base class still reports Connected and
    // ignores connect(). Take the socket down now, as a close event would (the providers
    // listen to 'close' too); cleanupWebSocket() detaches the old socket, so its late close
    // event is not seen twice.
    if (this.status !== WebSocketStatus.Disconnected) {
      this.emit('close', { event: { code: 1000, reason: 'disconnect' } })
    }
  }

  /** Each attempt gets a deadline: a socket that never opens is closed, which retries. */
  override createWebSocketConnection(): Promise<unknown> {
    const attempt = super.createWebSocketConnection()
    const socket = this.webSocket
    this.clearAttemptTimer()
    this.attemptTimer = setTimeout(() => {
      this.attemptTimer = null
      if (this.webSocket === socket && this.status === WebSocketStatus.Connecting) socket?.close()
    }, this.connectTimeoutMs)
    return attempt
  }

  override destroy(): void {
    this.destroyed = true
    this.wanted = false
    this.clearRetry()
    this.clearAttemptTimer()
    this.observers.clear()
    super.destroy()
  }

  /**
   * Nothing is queued while the socket is down. The base class would queue frames and flush
   * them right after reconnecting, before documents authenticate again; Hocuspocus counts
   * each frame of an unauthenticated document as a pending document and closes the socket at
   * 100, and everything in them is sent again anyway: content by the next sync handshake,
   * presence by the provider's startSync(). For the same reason a document that waits for
   * its turn to authenticate (AuthGate) sends nothing before its token.
   */
  override send(message: unknown): void {
    if (!this.isOpen) return
    if (message instanceof Uint8Array) {
      const header = readFrameHeader(message)
      const observer = header ? this.observers.get(header.key) : undefined
      if (header && observer) {
        const allowed = isContent(header.kind)
          ? observer.beforeContentFrame(header.kind, true)
          : observer.mayTalk()
        if (!allowed) return
      }
    }
    super.send(message)
  }

  override onMessage(event: MessageEvent): void {
    const data = event.data
    if (data instanceof ArrayBuffer) {
      const header = readFrameHeader(new Uint8Array(data))
      if (header?.kind === 'sync-status') this.observers.get(header.key)?.onAck(header.applied)
    }
    super.onMessage(event)
  }

  override onClose(params: onCloseParameters): void {
    this.authGate.reset()
    for (const observer of this.observers.values()) observer.onConnectionLost()
    // The base class schedules its own fixed-delay reconnect when shouldConnect is set;
    // hide the flag for the call and schedule a jittered one instead.
    const should = this.shouldConnect
    this.shouldConnect = false
    super.onClose(params)
    this.shouldConnect = should
    this.scheduleRetry()
  }

  /**
   * An attach() from a newly opened document reconnects at once when the socket is down;
   * while a retry is scheduled it waits for that retry instead, so opening many documents
   * during an outage does not bypass the backoff.
   */
  override attach(...args: Parameters<HocuspocusProviderWebsocket['attach']>): void {
    if (this.retryTimer === null) {
      super.attach(...args)
      return
    }
    const should = this.shouldConnect
    this.shouldConnect = false
    super.attach(...args)
    this.shouldConnect = should
  }

  private scheduleRetry(): void {
    if (!this.wanted || this.destroyed || this.retryTimer !== null) return
    if (this.status !== WebSocketStatus.Disconnected) return
    const delay = this.backoff.next()
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null
      if (this.wanted && !this.destroyed) void super.connect()
    }, delay)
  }

  private clearAttemptTimer(): void {
    if (this.attemptTimer !== null) clearTimeout(this.attemptTimer)
    this.attemptTimer = null
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer)
    this.retryTimer = null
  }
}

function isContent(kind: FrameKind): kind is 'step2' | 'update' {
  return kind === 'step2' || kind === 'update'
}
