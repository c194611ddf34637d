import type { ServerResponse } from 'node:http'
import { parseDocName } from '@tandem/schema'
import type { ChangeFeed, DocumentChange } from './change-feed.js'
import { EventLog, type FeedEvent, type FeedEventType } from './event-log.js'

/** Options for {@link EventHub}. */
export interface EventHubOptions {
  feed: ChangeFeed
  /** Events kept for Last-Event-ID replay. @default 1000 */
  replayCapacity?: number
  /** A document's changes within this quiet period make one event. @default 250 */
  debounceMs?: number
  /** Comment line sent on idle streams so proxies keep them open. @default 15000 */
  heartbeatMs?: number
}

interface PendingUpdate {
  timer: NodeJS.Timeout
  firstAt: number
  changes: number
  authors: Map<string, string>
}

interface Stream {
  res: ServerResponse
  wants: (doc: string) => boolean
  heartbeat: NodeJS.Timeout
  expiry: NodeJS.Timeout | undefined
}

/**
 * Turns the change feed into Server-Sent Events: debounced `document-updated` (and `comment` /
 * `chat` for those documents), `presence-count` when it changes, and events other features
 * publish (`version-created`). Every event goes into the replay window before it is written to
 * the open streams, so a reconnecting client can ask for exactly what it missed.
 */
export class EventHub {
  readonly log: EventLog
  private readonly debounceMs: number
  private readonly heartbeatMs: number
  private readonly pending = new Map<string, PendingUpdate>()
  // Latest presence count per document, published once per quiet period (a reconnect storm
  // would otherwise fill the replay window with counts).
  private readonly presence = new Map<string, { count: number; timer: NodeJS.Timeout }>()
  private readonly streams = new Set<Stream>()
  private readonly listeners = new Set<(event: FeedEvent) => void>()
  private readonly unsubscribe: () => void
  private closed = false

  constructor(options: EventHubOptions) {
    this.log = new EventLog(options.replayCapacity ?? 1000)
    this.debounceMs = options.debounceMs ?? 250
    this.heartbeatMs = options.heartbeatMs ?? 15_000
    this.unsubscribe = options.feed.subscribe({
      change: (change) => this.noteChange(change),
      presence: (doc, count) => this.notePresence(doc, count),
    })
  }

  /** Appends an event to the window and sends it to every stream that wants its document. */
  publish(type: FeedEventType, doc: string, data: Record<string, unknown>): FeedEvent | undefined {
    if (this.closed) return undefined
    const event = this.log.append(type, doc, { doc, ...data })
    for (const stream of this.streams) if (stream.wants(doc)) write(stream.res, event)
    for (const listener of this.listeners) listener(event)
    return event
  }

  /** Calls `listener` with every published event (webhooks); returns the unsubscribe function. */
  listen(listener: (event: FeedEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /**
   * Starts an event stream on `res` for the documents `docs` (already authorised). With
   * `lastEventId`, first replays what came after it, or sends `reset` when that is gone.
   */
  open(
    res: ServerResponse,
    docs: readonly string[],
    lastEventId: number | undefined,
    expiresAt: number | undefined,
  ): void {
    const wanted = new Set(docs)
    const wants = (doc: string): boolean => wanted.has(doc) || wanted.has(governing(doc))
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    })
    res.write(`retry: 2000\n: subscribed to ${docs.join(',')}\n\n`)
    if (lastEventId !== undefined) {
      const replay = this.log.since(lastEventId, wants)
      if (replay.ok) for (const event of replay.events) write(res, event)
      else {
        // Not written to the log: it only concerns this stream. Its id lets the client resume
        // from now on.
        write(res, {
          id: this.log.lastId,
          type: 'reset',
          doc: '',
          data: { reason: 'last-event-id-too-old', lastEventId, oldestId: replay.oldestId },
        })
      }
    }
    const stream: Stream = {
      res,
      wants,
      heartbeat: setInterval(() => res.write(': heartbeat\n\n'), this.heartbeatMs),
      expiry:
        expiresAt === undefined
          ? undefined
          : setTimeout(() => res.end(), Math.max(0, expiresAt * 1000 - Date.now())),
    }
    stream.heartbeat.unref()
    stream.expiry?.unref()
    this.streams.add(stream)
    res.on('close', () => this.drop(stream))
  }

  /** Number of open streams. */
  get size(): number {
    return this.streams.size
  }

  /** Sends pending document events, then ends every stream (server shutdown). */
  close(): void {
    for (const doc of [...this.pending.keys()]) this.flush(doc)
    for (const { timer } of this.presence.values()) clearTimeout(timer)
    this.presence.clear()
    this.closed = true
    this.unsubscribe()
    for (const stream of [...this.streams]) {
      stream.res.end()
      this.drop(stream)
    }
  }

  private drop(stream: Stream): void {
    clearInterval(stream.heartbeat)
    clearTimeout(stream.expiry)
    this.streams.delete(stream)
  }

  private noteChange({ doc, user }: DocumentChange): void {
    if (this.closed) return
    let pending = this.pending.get(doc)
    if (pending) clearTimeout(pending.timer)
    else {
      pending = { timer: undefined as never, firstAt: Date.now(), changes: 0, authors: new Map() }
      this.pending.set(doc, pending)
    }
    pending.changes++
    if (user) pending.authors.set(user.id, user.name)
    // Trailing debounce, but never more than 4 quiet periods behind the first change.
    const wait = Math.max(
      0,
      Math.min(this.debounceMs, pending.firstAt + 4 * this.debounceMs - Date.now()),
    )
    pending.timer = setTimeout(() => this.flush(doc), wait)
    pending.timer.unref()
  }

  private notePresence(doc: string, count: number): void {
    if (this.closed) return
    const pending = this.presence.get(doc)
    if (pending) {
      pending.count = count
      return
    }
    const timer = setTimeout(() => {
      const latest = this.presence.get(doc)
      this.presence.delete(doc)
      if (latest) this.publish('presence-count', doc, { count: latest.count })
    }, this.debounceMs)
    timer.unref()
    this.presence.set(doc, { count, timer })
  }

  private flush(doc: string): void {
    const pending = this.pending.get(doc)
    if (!pending) return
    clearTimeout(pending.timer)
    this.pending.delete(doc)
    const kind = parseDocName(doc)?.kind
    const type: FeedEventType =
      kind === 'comments' ? 'comment' : kind === 'chat' ? 'chat' : 'document-updated'
    this.publish(type, doc, {
      changes: pending.changes,
      authors: [...pending.authors].map(([id, name]) => ({ id, name })),
    })
  }
}

// `comments:x` and `chat:x` events reach subscribers of `doc:x` too.
function governing(doc: string): string {
  const parsed = parseDocName(doc)
  return parsed && (parsed.kind === 'comments' || parsed.kind === 'chat') ? `doc:${parsed.id}` : doc
}

function write(res: ServerResponse, event: FeedEvent): void {
  res.write(`id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`)
}
