/** Options for {@link SlowLane}. */
export interface SlowLaneOptions {
  /** Longest slice of queued work before yielding to the event loop (ms). @default 4 */
  sliceMs?: number
  /** Called with what a queued item threw (unexpected: log it with context). */
  onError: (error: unknown) => void
}

/**
 * Work that may wait a few milliseconds: opening new sockets and the handshake messages (auth,
 * sync step 1/2) of connections that are not established yet. It runs in short slices between
 * event-loop turns, so the edits of established connections, read meanwhile, go first.
 *
 * Why: after a restart every client reconnects at once. Each handshake costs ~1-3 ms of CPU
 * (Hocuspocus connection set-up, encoding the document for sync step 2), so 1000 of them are
 * seconds of work; run as they arrive, they sit in front of every edit read after them (bench:
 * edit p99 0.8-5 s during a 1000-client storm). Work is keyed (one key per socket) and runs in
 * order per key; `pending(key)` tells a caller to queue a key's later work too, so nothing of one
 * socket overtakes its earlier messages.
 */
export class SlowLane<K> {
  private queue: Array<{ key: K; run: () => unknown }> = []
  private head = 0
  private scheduled = false
  private readonly counts = new Map<K, number>()
  private readonly sliceMs: number

  constructor(private readonly options: SlowLaneOptions) {
    this.sliceMs = options.sliceMs ?? 4
  }

  /** True while `key` has queued work. */
  pending(key: K): boolean {
    return this.counts.has(key)
  }

  /**
   * Queues `run` after the work queued so far. `run` returns true when it started asynchronous
   * work (a Hocuspocus message), which ends the current slice.
   */
  push(key: K, run: () => unknown): void {
    this.queue.push({ key, run })
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1)
    if (!this.scheduled) {
      this.scheduled = true
      setImmediate(this.drain)
    }
  }

  private readonly drain = (): void => {
    const deadline = performance.now() + this.sliceMs
    // At least one item per turn; more only while the previous ones ran synchronously. Most of
    // a handshake runs later, in Hocuspocus' promise chain (auth, sync step 1 encoding the
    // document), which the clock here cannot see, so an item that started async work ends the
    // slice: the next one waits for a later turn, after the I/O (edits) that came meanwhile.
    let asyncStarted = false
    while (this.head < this.queue.length && performance.now() < deadline && !asyncStarted) {
      const item = this.queue[this.head] as { key: K; run: () => unknown }
      this.queue[this.head++] = undefined as never
      const left = (this.counts.get(item.key) ?? 1) - 1
      if (left === 0) this.counts.delete(item.key)
      else this.counts.set(item.key, left)
      // One failing item must neither strand the queue nor crash the process from a timer.
      try {
        asyncStarted = item.run() === true
      } catch (error) {
        this.options.onError(error)
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
