import type { Connection } from '@hocuspocus/server'
import { applyAwarenessUpdate } from 'y-protocols/awareness'
import type { Logger } from '../logger.js'

interface Item {
  connection: Connection
  update: Uint8Array
}

/** Options for {@link AwarenessInbox}. */
export interface AwarenessInboxOptions {
  /** Longest slice of awareness work before yielding to the event loop (ms). @default 4 */
  sliceMs?: number
  logger: Logger
}

/**
 * Incoming awareness updates of established connections, applied off the message path.
 *
 * Measured on @hocuspocus/server 4.7: every awareness message costs a scratch Y.Doc + Awareness
 * (random client id and uuid: ~0.5 ms under load) and runs in the connection's ordered message
 * queue, in the same event-loop turn as the socket read. A reconnect burst of a few hundred
 * clients then holds edits back for over a second. Here an awareness frame is only queued when
 * it arrives; the queue is drained in short slices between event-loop turns, so sync messages
 * read meanwhile are handled first. Applying straight to the document's awareness with the
 * connection as origin keeps Hocuspocus' bookkeeping (clients per connection, removal on close,
 * onAwarenessUpdate hooks, Redis); only the `beforeHandleAwareness` hook is skipped, and Tandem
 * registers none. Awareness may overtake a connection's sync messages; the two are independent.
 */
export class AwarenessInbox {
  private queue: Item[] = []
  private head = 0
  private scheduled = false
  private readonly sliceMs: number

  constructor(private readonly options: AwarenessInboxOptions) {
    this.sliceMs = options.sliceMs ?? 4
  }

  /** Queues an awareness update from `connection`. */
  push(connection: Connection, update: Uint8Array): void {
    this.queue.push({ connection, update })
    if (!this.scheduled) {
      this.scheduled = true
      setImmediate(this.drain)
    }
  }

  private readonly drain = (): void => {
    const deadline = performance.now() + this.sliceMs
    while (this.head < this.queue.length && performance.now() < deadline) {
      const item = this.queue[this.head++] as Item
      const { connection, update } = item
      const document = connection.document
      // A connection that closed meanwhile has had its clients removed; applying its update now
      // would bring back a ghost.
      if (document.isDestroyed || !document.hasConnection(connection)) continue
      try {
        applyAwarenessUpdate(document.awareness, update, { source: 'connection', connection })
      } catch (error) {
        // The frame guard parsed it already, so this is unexpected: log with context.
        this.options.logger.error('awareness.apply_failed', {
          doc: document.name,
          socket: connection.socketId,
          error,
        })
      }
    }
    if (this.head < this.queue.length) {
      setImmediate(this.drain)
      return
    }
    this.queue = []
    this.head = 0
    this.scheduled = false
  }
}
