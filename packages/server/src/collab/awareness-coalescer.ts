import type { Document, Extension, afterLoadDocumentPayload } from '@hocuspocus/server'
import * as encoding from 'lib0/encoding'
import { encodeAwarenessUpdate } from 'y-protocols/awareness'
import type { ServerMetrics } from '../metrics.js'

const MESSAGE_AWARENESS = 1

/** Options for {@link AwarenessCoalescer}. */
export interface AwarenessCoalescerOptions {
  /** Collect awareness changes for this long before one broadcast (0: one event-loop turn). */
  windowMs: number
  metrics: ServerMetrics
}

interface Pending {
  clients: Set<number>
  timer: NodeJS.Timeout | NodeJS.Immediate | undefined
}

type Broadcasting = { broadcastAwarenessUpdate(clients: number[]): void }

/**
 * Awareness storm control. After a restart every client reconnects and announces its presence
 * at once. Hocuspocus 4.7 already merges the awareness changes of one event-loop turn, but a
 * burst spreads over many turns, and with session-aware providers (every connection has its own
 * message address) it encodes the full update again for every connection: N clients -> N
 * broadcasts x N encodes. Here the changes of a whole window (`windowMs`) become ONE encoded
 * awareness update, sent to each connection with only its address prefixed.
 *
 * Hooked in by replacing the document's private `broadcastAwarenessUpdate` (Document.ts in
 * @hocuspocus/server 4.7): everything before it (per-connection client tracking, removal of a
 * closed connection's clients, the onAwarenessUpdate hook, Redis publishing) stays stock.
 * Document updates are untouched and still go out every turn, so edits keep flowing.
 */
export class AwarenessCoalescer implements Extension {
  extensionName = 'TandemAwarenessCoalescer'
  private readonly pending = new WeakMap<Document, Pending>()

  constructor(private readonly options: AwarenessCoalescerOptions) {}

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
      pending = { clients: new Set(), timer: undefined }
      this.pending.set(document, pending)
    }
    for (const client of clients) pending.clients.add(client)
    this.options.metrics.awarenessCoalesced.inc(clients.length)
    if (pending.timer !== undefined) return
    const { windowMs } = this.options
    const flush = (): void => this.flush(document)
    pending.timer = windowMs === 0 ? setImmediate(flush) : setTimeout(flush, windowMs)
  }

  private flush(document: Document): void {
    const pending = this.pending.get(document)
    if (!pending || pending.clients.size === 0) return
    const clients = [...pending.clients]
    pending.clients.clear()
    clearTimeout(pending.timer as NodeJS.Timeout)
    clearImmediate(pending.timer as NodeJS.Immediate)
    pending.timer = undefined
    const connections = document.getConnections()
    if (connections.length === 0) return
    // Encode the awareness payload once; each connection only adds its address in front.
    const body = encoding.createEncoder()
    encoding.writeVarUint(body, MESSAGE_AWARENESS)
    encoding.writeVarUint8Array(body, encodeAwarenessUpdate(document.awareness, clients))
    const payload = encoding.toUint8Array(body)
    const frames = new Map<string, Uint8Array>()
    for (const connection of connections) {
      const address = connection.messageAddress
      let frame = frames.get(address)
      if (!frame) {
        const encoder = encoding.createEncoder()
        encoding.writeVarString(encoder, address)
        encoding.writeUint8Array(encoder, payload)
        frame = encoding.toUint8Array(encoder)
        frames.set(address, frame)
      }
      connection.send(frame)
    }
    this.options.metrics.awarenessBroadcasts.inc()
  }
}
