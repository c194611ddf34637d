import { IndexeddbPersistence } from 'y-indexeddb'
import type * as Y from 'yjs'

/** Key of the unacknowledged-change count in y-indexeddb's `custom` store. */
const UNSYNCED_KEY = 'tandem:unsynced'

/**
 * The device's copy of one document: y-indexeddb stores every update as it happens, and
 * this class stores next to it how many local changes the server has not acknowledged, so
 * "N changes saved on this device only" survives a reload.
 *
 * The count is written coalesced: while one write is in flight, later values replace each
 * other and only the newest is written next. A lost count (tab closed mid-write) can only be
 * low by the last few changes; the changes themselves are in y-indexeddb either way, and the
 * next sync sends whatever the server lacks whatever the count says.
 */
export class LocalCopy {
  readonly persistence: IndexeddbPersistence
  /** Resolves with the unacknowledged-change count stored by an earlier session. */
  readonly whenLoaded: Promise<number>
  private target = 0
  private written: number | null = null
  private writing: Promise<void> | null = null

  constructor(
    dbName: string,
    doc: Y.Doc,
    private readonly onError: (error: unknown) => void,
  ) {
    this.persistence = new IndexeddbPersistence(dbName, doc)
    this.whenLoaded = this.persistence.whenSynced
      .then(() => this.persistence.get(UNSYNCED_KEY))
      .then((value: unknown) => {
        const count =
          typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : 0
        this.written = count
        return count
      })
  }

  /** Stores `count` (coalesced). Call only after `whenLoaded`, or the stored count is lost. */
  saveUnsynced(count: number): void {
    this.target = count
    this.writeNext()
  }

  /** Waits for the last count write, then closes the database. */
  async close(): Promise<void> {
    while (this.writing) await this.writing
    await this.persistence.destroy()
  }

  /** Starts one write of the newest count unless one is in flight or nothing changed. */
  private writeNext(): void {
    if (this.writing || this.written === this.target) return
    const count = this.target
    this.writing = this.persistence.set(UNSYNCED_KEY, count).then(
      () => {
        this.written = count
        this.writing = null
        this.writeNext()
      },
      (error: unknown) => {
        // Reported, not retried in a loop: the next change tries again.
        this.writing = null
        this.onError(error)
      },
    )
  }
}
