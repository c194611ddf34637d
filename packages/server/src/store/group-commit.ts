/** One item waiting for the next commit. */
interface Pending<T> {
  item: T
  resolve: () => void
  reject: (error: unknown) => void
}

/** Options for {@link GroupCommit}. */
export interface GroupCommitOptions<T> {
  /** Stores a batch in one transaction; the promise settles when it is committed (or failed). */
  commit: (items: T[]) => Promise<void>
  /** Largest batch per transaction; the rest waits for the next one. @default 2000 */
  maxBatch?: number
  /** Called after each commit with the batch size (metrics, tests). */
  onCommit?: (size: number, durationMs: number) => void
}

/**
 * Group commit: items that arrive while a commit is in flight are collected and written by the
 * next single transaction, so one fsync serves many writers. Every `add` resolves only after the
 * transaction holding its item has committed, and rejects if that transaction failed.
 */
export class GroupCommit<T> {
  private queue: Pending<T>[] = []
  private inFlight: Promise<void> | null = null
  private readonly maxBatch: number

  constructor(private readonly options: GroupCommitOptions<T>) {
    this.maxBatch = options.maxBatch ?? 2000
  }

  /** Number of items waiting for a commit. */
  get pending(): number {
    return this.queue.length
  }

  /** Queues `item` for the next transaction; resolves once it is committed. */
  add(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ item, resolve, reject })
      // Start as soon as the current callback is done (a microtask): the database thread
      // begins its fsync while this event-loop turn goes on reading sockets, and what arrives
      // meanwhile shares the next transaction. Waiting for setImmediate instead made every
      // commit wait for the rest of a busy turn first (measured: fan-out fell behind).
      if (this.inFlight === null) this.inFlight = Promise.resolve().then(this.drain)
    })
  }

  /** Resolves when nothing is queued or in flight. */
  async flush(): Promise<void> {
    while (this.inFlight !== null) await this.inFlight
  }

  private readonly drain = async (): Promise<void> => {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch)
      const started = performance.now()
      try {
        await this.options.commit(batch.map((p) => p.item))
      } catch (error) {
        for (const p of batch) p.reject(error)
        continue
      }
      this.options.onCommit?.(batch.length, performance.now() - started)
      for (const p of batch) p.resolve()
    }
    this.inFlight = null
  }
}
