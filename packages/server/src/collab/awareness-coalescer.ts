import type { Connection, Document, Extension, afterLoadDocumentPayload } from '@hocuspocus/server'
import * as encoding from 'lib0/encoding'
import { encodeAwarenessUpdate } from 'y-protocols/awareness'
import type { ServerMetrics } from '../metrics.js'

const MESSAGE_AWARENESS = 1

/** Options for {@link AwarenessCoalescer}. */
export interface AwarenessCoalescerOptions {
  /** Shortest window over which awareness changes are collected (0: one event-loop turn). */
  windowMs: number
  /** Longest window the adaptive rule may choose. @default 100 */
  maxWindowMs?: number
  /** Connections sent to per event-loop turn before yielding to other work. @default 64 */
  sendsPerTurn?: number
  metrics: ServerMetrics
}

interface Pending {
  clients: Set<number>
  timer: NodeJS.Timeout | NodeJS.Immediate | undefined
  flushing: boolean
  /** The current window: grows with the cost of the last broadcast. */
  windowMs: number
}

type Broadcasting = { broadcastAwarenessUpdate(clients: number[]): void }

/**
 * Awareness storm control. After a restart every client reconnects and announces its presence
 * at once. Hocuspocus 4.7 already merges the awareness changes of one event-loop turn, but a
 * burst spreads over many turns, and with session-aware providers (every connection has its own
 * message address) it encodes the full update again for every connection: N clients -> N
 * broadcasts x N encodes. Here the changes of a whole window become ONE encoded awareness
 * update, sent to each connection with only its address prefixed.
 *
 * Two measured refinements keep edits flowing during a storm on a busy machine: the sends of
 * one broadcast are spread over event-loop turns (`sendsPerTurn`), so sync messages read in
 * between are not held back by hundreds of socket writes; and the window adapts to the cost of
 * the last broadcast (4x its duration, between `windowMs` and `maxWindowMs`), so broadcasting
 * never takes more than about a fifth of the process.
 *
 * Hooked in by replacing the document's private `broadcastAwarenessUpdate` (Document.ts in
 * @hocuspocus/server 4.7): everything before it (per-connection client tracking, removal of a
 * closed connection's clients, the onAwarenessUpdate hook, Redis publishing) stays stock.
 * Document updates are untouched and still go out every turn.
 */
export class AwarenessCoalescer implements Extension {
  extensionName = 'TandemAwarenessCoalescer'
  private readonly pending = new WeakMap<Document, Pending>()
  private readonly maxWindowMs: number
  private readonly sendsPerTurn: number

  constructor(private readonly options: AwarenessCoalescerOptions) {
    this.maxWindowMs = Math.max(options.windowMs, options.maxWindowMs ?? 100)
    this.sendsPerTurn = options.sendsPerTurn ?? 64
  }

  async afterLoadDocument({ document }: afterLoadDocumentPayload): Promise<void> {
    const target = document as unknown as Broadcasting
    if (typeof target.broadcastAwarenessUpdate !== 'function') {
      throw new Error('@hocuspocus/server changed: Document.broadcastAwarenessUpdate is missing')
    }
    target.broadcastAwarenessUpdate = (clients) => this.queue(document, clients)
  }

  private queue(document: Document, clients: number[]): void {
    let pending = this.pending.get(document)
    if (!pending) {
      pending = {
        clients: new Set(),
        timer: undefined,
        flushing: false,
        windowMs: this.options.windowMs,
      }
      this.pending.set(document, pending)
    }
    for (const client of clients) pending.clients.add(client)
    this.options.metrics.awarenessCoalesced.inc(clients.length)
    this.schedule(document, pending)
  }

  private schedule(document: Document, pending: Pending): void {
    if (pending.timer !== undefined || pending.flushing || pending.clients.size === 0) return
    const run = (): void => {
      pending.timer = undefined
      this.flush(document, pending)
    }
    pending.timer = pending.windowMs === 0 ? setImmediate(run) : setTimeout(run, pending.windowMs)
  }

  private flush(document: Document, pending: Pending): void {
    const clients = [...pending.clients]
    pending.clients.clear()
    const connections = document.getConnections()
    if (connections.length === 0 || document.isDestroyed) return
    // Encode the awareness payload once; each connection only adds its address in front.
    const body = encoding.createEncoder()
    encoding.writeVarUint(body, MESSAGE_AWARENESS)
    encoding.writeVarUint8Array(body, encodeAwarenessUpdate(document.awareness, clients))
    const payload = encoding.toUint8Array(body)
    const frames = new Map<string, Uint8Array>()
    const frameFor = (address: string): Uint8Array => {
      let frame = frames.get(address)
      if (!frame) {
        const encoder = encoding.createEncoder()
        encoding.writeVarString(encoder, address)
        encoding.writeUint8Array(encoder, payload)
        frame = encoding.toUint8Array(encoder)
        frames.set(address, frame)
      }
      return frame
    }
    pending.flushing = true
    this.options.metrics.awarenessBroadcasts.inc()
    let next = 0
    let busyMs = 0
    const sendSome = (): void => {
      const started = performance.now()
      const end = Math.min(next + this.sendsPerTurn, connections.length)
      for (; next < end; next++) {
        const connection = connections[next] as Connection
        if (document.hasConnection(connection)) connection.send(frameFor(connection.messageAddress))
      }
      busyMs += performance.now() - started
      if (next < connections.length) {
        setImmediate(sendSome)
        return
      }
      pending.flushing = false
      pending.windowMs = Math.min(this.maxWindowMs, Math.max(this.options.windowMs, busyMs * 4))
      this.schedule(document, pending)
    }
    sendSome()
  }
}
