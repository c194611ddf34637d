/** Event types of the `/api/events` stream. */
export type FeedEventType =
  | 'document-updated'
  | 'presence-count'
  | 'comment'
  | 'chat'
  | 'version-created'
  | 'mention'
  | 'reset'

/** One event of the stream. */
export interface FeedEvent {
  /** Monotonically increasing, also across restarts (it starts from the boot time). */
  id: number
  type: FeedEventType
  /** The document the event is about (`doc:x`, `comments:x`, ...). */
  doc: string
  data: Record<string, unknown>
}

/** What {@link EventLog.since} answers: the missed events, or that they are gone. */
export type Replay = { ok: true; events: FeedEvent[] } | { ok: false; oldestId: number }

/**
 * The bounded replay window of the event stream: the last `capacity` events in id order.
 * A reconnecting client asks for what came after its Last-Event-ID; if any event after that id
 * has already been dropped (or the id is from before this process), the answer is "too old" and
 * the client gets a `reset` event instead of a silent gap.
 */
export class EventLog {
  private readonly events: FeedEvent[] = []
  private nextId: number
  // Every event with an id <= this is no longer in the window.
  private droppedUpTo: number

  constructor(
    private readonly capacity: number,
    now: number = Date.now(),
  ) {
    // ms * 1000 keeps ids increasing across restarts (unless a process emits > 1000 events per
    // ms of its lifetime) and stays below 2^53 until the year 2255.
    this.droppedUpTo = now * 1000
    this.nextId = this.droppedUpTo + 1
  }

  /** The id of the latest event (or of the window's start when there is none). */
  get lastId(): number {
    return this.nextId - 1
  }

  /** Appends an event and returns it with its id. */
  append(type: FeedEventType, doc: string, data: Record<string, unknown>): FeedEvent {
    const event: FeedEvent = { id: this.nextId++, type, doc, data }
    this.events.push(event)
    while (this.events.length > this.capacity) {
      this.droppedUpTo = (this.events.shift() as FeedEvent).id
    }
    return event
  }

  /** The events after `lastEventId` whose document `wanted` accepts, in order, or "too old". */
  since(lastEventId: number, wanted: (doc: string) => boolean): Replay {
    if (
      !Number.isSafeInteger(lastEventId) ||
      lastEventId < this.droppedUpTo ||
      lastEventId > this.lastId
    ) {
      return { ok: false, oldestId: this.droppedUpTo + 1 }
    }
    return { ok: true, events: this.events.filter((e) => e.id > lastEventId && wanted(e.doc)) }
  }
}
