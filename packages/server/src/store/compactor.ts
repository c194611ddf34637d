import type { Logger } from '../logger.js'
import type { CompactionOptions } from '../options.js'
import { SnapshotBuilder } from './snapshot-builder.js'
import type { UpdateStore } from './update-store.js'

interface LogStats {
  snapshotBytes: number
  logEntries: number
  logBytes: number
  idleTimer: NodeJS.Timeout | undefined
}

/** Options for {@link Compactor}. */
export interface CompactorOptions {
  store: UpdateStore
  thresholds: CompactionOptions
  logger: Logger
}

/**
 * Folds a document's update log into a new snapshot in the background: when the log passes
 * `maxLogEntries` or `maxLogBytes`, after `idleMs` without appends, and when the document
 * unloads. It reads committed rows only (snapshot + log up to a sequence number), so appends
 * racing with it are never lost: they have higher sequence numbers and stay in the log. At most
 * one compaction runs per document (across instances when the store implements
 * `compactExclusively`); the hot path only updates counters, and the O(document)
 * rebuild runs on a worker thread (SnapshotBuilder).
 */
export class Compactor {
  private readonly stats = new Map<string, LogStats>()
  private readonly running = new Map<string, Promise<void>>()
  private closed = false
  private readonly builder = new SnapshotBuilder()

  constructor(private readonly options: CompactorOptions) {}

  /** Bytes a document occupies in storage (snapshot + log), as far as this process knows. */
  storedBytes(doc: string): number {
    const s = this.stats.get(doc)
    return s ? s.snapshotBytes + s.logBytes : 0
  }

  /** Records what a load found, so thresholds count from there. */
  noteLoaded(doc: string, snapshotBytes: number, logEntries: number, logBytes: number): void {
    const s = this.entry(doc)
    Object.assign(s, { snapshotBytes, logEntries, logBytes })
    this.check(doc, s)
  }

  /** Counts one committed append. */
  noteAppend(doc: string, bytes: number): void {
    const s = this.entry(doc)
    s.logEntries += 1
    s.logBytes += bytes
    this.check(doc, s)
  }

  /** Compacts `doc` now (e.g. on unload) and forgets its counters afterwards. */
  async compactAndForget(doc: string): Promise<void> {
    const s = this.stats.get(doc)
    if (s) clearTimeout(s.idleTimer)
    // With a shared store the counters miss what other instances folded or appended: look.
    if (!s || s.logEntries > 0 || this.options.store.compactExclusively) await this.compact(doc)
    this.stats.delete(doc)
  }

  /** Compacts `doc` unless a compaction of it is already running (then waits for that one). */
  compact(doc: string): Promise<void> {
    const existing = this.running.get(doc)
    if (existing) return existing
    const { store } = this.options
    // A shared store (several instances) lets one process at a time compact a document; the
    // others skip, since the winner folds the same committed rows.
    const work = store.compactExclusively
      ? store.compactExclusively(doc, () => this.run(doc))
      : this.run(doc)
    const run = work
      .then((ran) => {
        // Another instance holds the lock and folds the log this one counted: count afresh (or
        // every later append here would retry at once), and look again once idle, for what was
        // appended after the other instance read the log.
        if (ran === false) {
          this.resetLog(doc)
          this.retryWhenIdle(doc)
        }
      })
      .catch((error: unknown) =>
        this.options.logger.error('store.compaction_failed', { doc, error }),
      )
      .finally(() => this.running.delete(doc))
    this.running.set(doc, run)
    return run
  }

  /** Waits for running compactions and stops scheduling new ones. */
  async close(): Promise<void> {
    this.closed = true
    for (const s of this.stats.values()) clearTimeout(s.idleTimer)
    await Promise.all(this.running.values())
    await this.builder.close()
  }

  private retryWhenIdle(doc: string): void {
    const s = this.stats.get(doc)
    if (!s || this.closed) return
    clearTimeout(s.idleTimer)
    s.idleTimer = setTimeout(() => void this.compact(doc), this.options.thresholds.idleMs)
    s.idleTimer.unref()
  }

  private resetLog(doc: string, snapshotBytes?: number): void {
    const s = this.stats.get(doc)
    if (!s) return
    s.logEntries = 0
    s.logBytes = 0
    if (snapshotBytes !== undefined) s.snapshotBytes = snapshotBytes
  }

  private entry(doc: string): LogStats {
    let s = this.stats.get(doc)
    if (!s) {
      s = { snapshotBytes: 0, logEntries: 0, logBytes: 0, idleTimer: undefined }
      this.stats.set(doc, s)
    }
    return s
  }

  private check(doc: string, s: LogStats): void {
    if (this.closed) return
    const { maxLogEntries, maxLogBytes, idleMs } = this.options.thresholds
    clearTimeout(s.idleTimer)
    s.idleTimer = undefined
    // Compaction rebuilds the whole document (on a worker thread; measured ~200-330 ms of CPU
    // for a 100k-character, 650 KB document). Waiting until the log holds at least 1/8 of the
    // snapshot's bytes keeps that cost amortised at O(update size) per append for big
    // documents; small documents still compact every `maxLogEntries`.
    const worthIt = s.logBytes * 8 >= s.snapshotBytes
    if ((s.logEntries >= maxLogEntries && worthIt) || s.logBytes >= maxLogBytes) {
      void this.compact(doc)
    } else if (s.logEntries > 0) {
      s.idleTimer = setTimeout(() => void this.compact(doc), idleMs)
      s.idleTimer.unref()
    }
  }

  private async run(doc: string): Promise<void> {
    const { store, logger } = this.options
    const started = performance.now()
    const stored = await store.load(doc)
    if (stored.updates.length === 0) {
      // Nothing to fold (another instance compacted it meanwhile): the counters were stale.
      this.resetLog(doc, stored.snapshot?.byteLength)
      return
    }
    const snapshot = await this.builder.build(stored.snapshot, stored.updates)
    await store.writeSnapshot(doc, snapshot, stored.lastSeq)
    const foldedBytes = stored.updates.reduce((sum, u) => sum + u.byteLength, 0)
    const s = this.stats.get(doc)
    if (s) {
      s.snapshotBytes = snapshot.byteLength
      s.logEntries = Math.max(0, s.logEntries - stored.updates.length)
      s.logBytes = Math.max(0, s.logBytes - foldedBytes)
      // Appends that raced with this compaction stay in the log: fold them once idle.
      if (s.logEntries > 0) this.retryWhenIdle(doc)
    }
    logger.debug('store.compacted', {
      doc,
      updates: stored.updates.length,
      bytes: snapshot.byteLength,
      ms: Math.round(performance.now() - started),
    })
  }
}
