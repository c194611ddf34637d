import type {
  Connection,
  Document,
  Extension,
  afterLoadDocumentPayload,
  connectedPayload,
} from '@hocuspocus/server'
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
  /** Clients whose awareness changed in this window. */
  clients: Set<number>
  /** Connections established in this window: they get every state, not the changes. */
  newcomers: Set<Connection>
  timer: NodeJS.Timeout | NodeJS.Immediate | undefined
  flushing: boolean
  /** The current window: grows with the cost of the last broadcast. */
  windowMs: number
}

// Private members of @hocuspocus/server 4.7's Document that this extension replaces.
type DocumentInternals = {
  broadcastAwarenessUpdate(clients: number[]): void
  hasAwarenessStates(): boolean
}

/**
 * Awareness storm control. After a restart every client reconnects and announces its presence
 * at once. Hocuspocus 4.7 merges the awareness changes of one event-loop turn, but a burst
 * spreads over many turns; with session-aware providers (every connection has its own message
 * address) it encodes the update again for every connection; and it sends each new connection
 * the full awareness, JSON-encoding all N states once per connection (O(N^2): 1.4 s of CPU when
 * 1000 clients reconnect). Here, per document and window:
 *
 * - the changes of the whole window become ONE encoded awareness update, sent to each
 *   connection with only its address prefixed;
 * - connections established in the window get the full awareness, encoded once for all of them;
 * - the sends are spread over event-loop turns (`sendsPerTurn`), so sync messages read in
 *   between are not held back by hundreds of socket writes;
 * - the window adapts to the cost of the last broadcast (4x its duration, between `windowMs`
 *   and `maxWindowMs`), so broadcasting never takes more than about a fifth of the process.
 *
 * Hooked in by replacing two members of the Document instance (`broadcastAwarenessUpdate`, and
 * `hasAwarenessStates`, which only gates the per-connection full send in Connection's
 * constructor). Everything before them (per-connection client tracking, removal of a closed
 * connection's clients, the onAwarenessUpdate hook, Redis publishing) stays stock, and document
 * updates still go out every turn.
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
    const internals = document as unknown as DocumentInternals
    if (
      typeof internals.broadcastAwarenessUpdate !== 'function' ||
      typeof internals.hasAwarenessStates !== 'function'
    ) {
      throw new Error('@hocuspocus/server changed: Document awareness internals are missing')
    }
    internals.broadcastAwarenessUpdate = (clients) => {
      const pending = this.entry(document)
      for (const client of clients) pending.clients.add(client)
      this.options.metrics.awarenessCoalesced.inc(clients.length)
      this.schedule(document, pending)
    }
    internals.hasAwarenessStates = () => false
  }

  async connected({ connection }: connectedPayload): Promise<void> {
    const document = connection.document
    if (document.awareness.getStates().size === 0) return
    const pending = this.entry(document)
    pending.newcomers.add(connection)
    this.schedule(document, pending)
  }

  private entry(document: Document): Pending {
    let pending = this.pending.get(document)
    if (!pending) {
      pending = {
        clients: new Set(),
        newcomers: new Set(),
        timer: undefined,
        flushing: false,
        windowMs: this.options.windowMs,
      }
      this.pending.set(document, pending)
    }
    return pending
  }

  private schedule(document: Document, pending: Pending): void {
    if (pending.timer !== undefined || pending.flushing) return
    if (pending.clients.size === 0 && pending.newcomers.size === 0) return
    const run = (): void => {
      pending.timer = undefined
      this.flush(document, pending)
    }
    pending.timer = pending.windowMs === 0 ? setImmediate(run) : setTimeout(run, pending.windowMs)
  }

  private flush(document: Document, pending: Pending): void {
    const changed = [...pending.clients]
    const newcomers = pending.newcomers
    pending.clients = new Set()
    pending.newcomers = new Set()
    const connections = document.getConnections()
    if (connections.length === 0 || document.isDestroyed) return
    const awareness = document.awareness
    const changes = changed.length > 0 ? payload(encodeAwarenessUpdate(awareness, changed)) : null
    const everything =
      newcomers.size > 0 && awareness.getStates().size > 0
        ? payload(encodeAwarenessUpdate(awareness, [...awareness.getStates().keys()]))
        : null
    const changeFrames = new FrameCache(changes)
    const fullFrames = new FrameCache(everything)
    pending.flushing = true
    this.options.metrics.awarenessBroadcasts.inc()
    let next = 0
    let busyMs = 0
    const sendSome = (): void => {
      const started = performance.now()
      const end = Math.min(next + this.sendsPerTurn, connections.length)
      for (; next < end; next++) {
        const connection = connections[next] as Connection
        if (!document.hasConnection(connection)) continue
        // A newcomer's full state already holds every change of this window.
        const frame = newcomers.has(connection)
          ? fullFrames.for(connection.messageAddress)
          : changeFrames.for(connection.messageAddress)
        if (frame) connection.send(frame)
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

// The address-independent part of an awareness message: type + update.
function payload(update: Uint8Array): Uint8Array {
  const body = encoding.createEncoder()
  encoding.writeVarUint(body, MESSAGE_AWARENESS)
  encoding.writeVarUint8Array(body, update)
  return encoding.toUint8Array(body)
}

// Frames per message address for one payload: with session-aware providers every connection
// has its own address, but the payload is encoded only once.
class FrameCache {
  private readonly frames = new Map<string, Uint8Array>()

  constructor(private readonly body: Uint8Array | null) {}

  for(address: string): Uint8Array | null {
    if (!this.body) return null
    let frame = this.frames.get(address)
    if (!frame) {
      const encoder = encoding.createEncoder()
      encoding.writeVarString(encoder, address)
      encoding.writeUint8Array(encoder, this.body)
      frame = encoding.toUint8Array(encoder)
      this.frames.set(address, frame)
    }
    return frame
  }
}
