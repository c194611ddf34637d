import * as idb from 'lib0/indexeddb'
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
  /** The y-indexeddb binding, once the database opened (its updates carry it as origin). */
  persistence: IndexeddbPersistence | null = null
  /** Resolves with the unacknowledged-change count stored by an earlier session. */
  readonly whenLoaded: Promise<number>
  private target = 0
  private written: number | null = null
  private writing: Promise<void> | null = null
  private closed = false

  constructor(
    dbName: string,
    doc: Y.Doc,
    private readonly onError: (error: unknown) => void,
  ) {
    this.whenLoaded = probe(dbName).then(async () => {
      if (this.closed) return 0
      const persistence = new IndexeddbPersistence(dbName, doc)
      this.persistence = persistence
      // Should the database fail after the probe, whenSynced would never settle: fail instead.
      const failed = persistence._db.then(() => new Promise<never>(() => undefined))
      await Promise.race([persistence.whenSynced, failed])
      const value: unknown = await persistence.get(UNSYNCED_KEY)
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
    this.closed = true
    while (this.writing) await this.writing
    await this.persistence?.destroy()
  }

  /** Starts one write of the newest count unless one is in flight or nothing changed. */
  private writeNext(): void {
    const persistence = this.persistence
    if (!persistence || this.writing || this.written === this.target) return
    const count = this.target
    this.writing = persistence.set(UNSYNCED_KEY, count).then(
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

/**
 * Opens (creating like y-indexeddb does) and closes the database. y-indexeddb leaves a failed
 * open as an unhandled rejection and its whenSynced pending forever; a failed probe is an
 * ordinary error here, and the document goes on without a local copy.
 */
async function probe(dbName: string): Promise<void> {
  const db = await idb.openDB(dbName, (created) =>
    idb.createStores(created, [['updates', { autoIncrement: true }], ['custom']]),
  )
  db.close()
}
