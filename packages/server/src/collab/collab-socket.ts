import type { WebSocket } from 'ws'
import { closeEventFor, TandemError } from '@tandem/schema'
import type { Logger } from '../logger.js'
import type { ServerMetrics } from '../metrics.js'
import type { Connection } from '@hocuspocus/server'
import { checkFrame, type CheckedFrame } from './frame-guard.js'
import { TokenBucket } from './token-bucket.js'
import { AckGate } from './ack-gate.js'
import { closeEventForOutbound, HOCUSPOCUS_WIRE, type Wire } from './wire.js'

/** Limits applied to every frame of one socket. */
export interface SocketLimits {
  maxFrameBytes: number
  messagesPerSecond: number
  messageBurst: number
}

// setTimeout overflows (fires at once) beyond 2^31-1 ms: re-arm in steps instead.
const MAX_TIMER_MS = 2 ** 31 - 1
const SOCKET_OPEN = 1 // WebSocket.OPEN

/** A frame that passed the checks: what it is, and the Hocuspocus bytes to hand on. */
export interface AdmittedFrame {
  frame: CheckedFrame
  bytes: Uint8Array
}

/**
 * One client WebSocket as Hocuspocus sees it (`WebSocketLike`), with the checks Hocuspocus
 * does not make: frame size before decoding, a message-rate token bucket, frame structure, and
 * closing when the token expires. Its {@link Wire} translates the client's protocol (Hocuspocus
 * on `/collab`, y-websocket on `/yjs`). Counts traffic for the metrics.
 */
export class CollabSocket {
  private readonly bucket: TokenBucket
  // Token expiry (ms) per document connection; the socket closes at the earliest of them.
  private readonly expiries = new Map<string, number>()
  private expiresAt = Infinity
  private expiryTimer: NodeJS.Timeout | undefined
  private closedWith: TandemError | undefined
  // Established document connections on this socket by message address (see attach()).
  private readonly connections = new Map<string, Connection>()
  /** Acknowledgements held back until their updates are stored (see AckGate). */
  readonly acks = new AckGate()

  constructor(
    private readonly ws: WebSocket,
    readonly id: string,
    private readonly limits: SocketLimits,
    private readonly metrics: ServerMetrics,
    private readonly logger: Logger,
    private readonly wire: Wire = HOCUSPOCUS_WIRE,
  ) {
    this.bucket = new TokenBucket({
      ratePerSecond: limits.messagesPerSecond,
      burst: limits.messageBurst,
    })
  }

  get readyState(): number {
    return this.ws.readyState
  }

  /**
   * True when the client cannot be told that an update was stored (y-websocket): then no peer
   * may see an update before it is stored, or a crash could lose what others have seen.
   */
  get storesBeforeRelay(): boolean {
    return !this.wire.acknowledges
  }

  send(data: Uint8Array): void {
    this.acks.send(data, this.sendNow)
  }

  private readonly sendNow = (data: Uint8Array): void => {
    // A held-back ack may come due after the socket closed; sending then only builds an error.
    if (this.ws.readyState !== SOCKET_OPEN) return
    const out = this.wire.outbound(data)
    if (out === null) return
    if (!(out instanceof Uint8Array)) {
      // Hocuspocus refused or ended the socket's only document connection; the refusal itself
      // was logged and counted where it was made (e.g. Authentication).
      this.closedWith ??= out.close ? new TandemError(out.close) : undefined
      const { code, reason } = closeEventForOutbound(out.close)
      this.ws.close(code, reason)
      return
    }
    this.metrics.messagesOut.inc()
    this.metrics.bytesOut.inc(out.byteLength)
    this.ws.send(out)
  }

  close(code?: number, reason?: string): void {
    this.ws.close(code, reason)
  }

  /** The error this socket was closed with, if the server refused it. */
  get refusal(): TandemError | undefined {
    return this.closedWith
  }

  /** Closes the socket with the close event of `error` (code 4xxx, reason = error code). */
  refuse(error: TandemError, fields: Record<string, unknown> = {}): void {
    if (this.closedWith) return
    this.closedWith = error
    this.metrics.refusals.inc({ code: error.code })
    this.logger.warn('collab.refused', {
      socket: this.id,
      code: error.code,
      reason: error.message,
      ...fields,
    })
    const { code, reason } = closeEventFor(error.code)
    this.ws.close(code, reason)
  }

  /** Remembers an established document connection, so awareness can bypass the message queue. */
  attach(connection: Connection): void {
    const address = connection.messageAddress
    this.connections.set(address, connection)
    connection.onClose(() => {
      if (this.connections.get(address) !== connection) return
      this.connections.delete(address)
      // A closed document's token no longer limits the socket.
      if (this.expiries.delete(address)) this.armExpiry()
    })
  }

  /** The established connection for a message address, if any. */
  connectionFor(address: string): Connection | undefined {
    return this.connections.get(address)
  }

  /**
   * Screens one incoming frame. Returns the checked frame and its Hocuspocus bytes to hand on,
   * or null when the frame was a keep-alive or the socket was refused (then it is closed).
   */
  admit(data: Uint8Array, isBinary: boolean): AdmittedFrame | null {
    if (this.closedWith) return null
    this.metrics.messagesIn.inc()
    this.metrics.bytesIn.inc(data.byteLength)
    if (data.byteLength > this.limits.maxFrameBytes) {
      this.refuse(new TandemError('frame-too-large'), { bytes: data.byteLength })
      return null
    }
    // Never drop a message silently: a dropped update would be lost. Close instead; the client
    // keeps its changes and sends them again after reconnecting.
    if (!this.bucket.take()) {
      this.refuse(new TandemError('rate-limited'))
      return null
    }
    if (!isBinary) {
      this.refuse(new TandemError('malformed-message', 'text frames are not part of the protocol'))
      return null
    }
    const bytes = this.wire.inbound(data)
    if (bytes instanceof TandemError) {
      this.refuse(bytes)
      return null
    }
    const verdict = checkFrame(bytes)
    if (!verdict.ok) {
      this.refuse(verdict.error)
      return null
    }
    return verdict.forward ? { frame: verdict, bytes } : null
  }

  /**
   * Records the expiry of the token a document connection (message `address`) authenticated
   * with; a later call for the same address (a refreshed token) replaces it. The socket closes
   * with `token-expired` at the earliest expiry of its open connections.
   */
  expireAt(address: string, expSeconds: number | undefined): void {
    if (expSeconds === undefined) this.expiries.delete(address)
    else this.expiries.set(address, expSeconds * 1000)
    this.armExpiry()
  }

  private armExpiry(): void {
    let earliest = Infinity
    for (const at of this.expiries.values()) earliest = Math.min(earliest, at)
    if (earliest === this.expiresAt) return
    this.expiresAt = earliest
    clearTimeout(this.expiryTimer)
    this.expiryTimer = undefined
    if (earliest === Infinity) return
    const arm = (): void => {
      const wait = this.expiresAt - Date.now()
      if (wait <= 0) {
        this.refuse(new TandemError('token-expired'))
        return
      }
      this.expiryTimer = setTimeout(arm, Math.min(wait, MAX_TIMER_MS))
      this.expiryTimer.unref()
    }
    arm()
  }

  /** Stops the expiry timer; called when the socket closes. */
  dispose(): void {
    clearTimeout(this.expiryTimer)
  }
}
