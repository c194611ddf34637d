import * as idb from 'lib0/indexeddb'

const STORE = 'pending'

/**
 * The device's list of documents that hold changes the server has not acknowledged. A reload
 * reads it and opens those documents in the background, so their changes reach the server
 * (and count in "N changes saved on this device only") without the user opening each one.
 *
 * Only transitions are written (a document gains or loses its last unacknowledged change),
 * one write at a time in order; the per-document count lives with the document (LocalCopy).
 */
export class PendingDocuments {
  private readonly db: Promise<IDBDatabase>
  private readonly known = new Map<string, boolean>()
  private chain: Promise<void> = Promise.resolve()

  constructor(
    dbName: string,
    private readonly onError: (error: unknown) => void,
  ) {
    this.db = idb.openDB(dbName, (db) => idb.createStores(db, [[STORE]]))
  }

  /** Names recorded as pending by earlier sessions. */
  async list(): Promise<string[]> {
    const db = await this.db
    const [store] = idb.transact(db, [STORE], 'readonly')
    const keys = (await idb.getAllKeys(store!)) as unknown[]
    const names = keys.filter((key): key is string => typeof key === 'string')
    for (const name of names) if (!this.known.has(name)) this.known.set(name, true)
    return names
  }

  /** Records whether `name` has unacknowledged changes (`count > 0`). */
  record(name: string, count: number): void {
    const pending = count > 0
    if (this.known.get(name) === pending) return
    this.known.set(name, pending)
    this.chain = this.chain
      .then(async () => {
        const db = await this.db
        const [store] = idb.transact(db, [STORE])
        if (pending) await idb.put(store!, 1, name)
        else await idb.del(store!, name)
      })
      .then(undefined, this.onError)
  }

  /** Waits for pending writes, then closes the database. */
  async close(): Promise<void> {
    await this.chain
    // A database that failed to open was reported by list() already; nothing to close then.
    await this.db.then(
      (db) => db.close(),
      () => undefined,
    )
  }
}
