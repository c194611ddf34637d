import { GroupCommit } from './group-commit.js'
import type { PostgresDatabase } from './postgres-database.js'
import type { StoredDocument, UpdateStore } from './update-store.js'

/** Options for {@link PostgresUpdateStore}. */
export interface PostgresUpdateStoreOptions {
  /** The opened database (shared with the membership table). */
  database: PostgresDatabase
  /** Largest number of appends in one statement. @default 2000 */
  maxBatch?: number
  /** Called after every group commit with its size and duration (metrics, tests). */
  onCommit?: (appends: number, durationMs: number) => void
  /** Compactions run at once by this process (each holds a pooled connection for its lock). @default 2 */
  maxCompactions?: number
}

interface Append {
  doc: string
  update: Uint8Array
}

// Deadlock (two instances' batches locking the same documents) and serialization failures are
// safe to retry: the statement rolled back as a whole.
const RETRYABLE = new Set(['40P01', '40001'])
const MAX_ATTEMPTS = 3

/**
 * One statement appends a whole batch. `doc_seqs` hands each document a block of sequence
 * numbers (`last_seq` grows by the batch's count for it); its row lock is held until the
 * statement commits, so a second writer of the same document (another instance) waits and gets
 * the next block: per document, appends commit in sequence order. That is what compaction relies
 * on: once a seq is visible, every lower seq of that document is too, so "delete seq <= upTo"
 * never removes an update the snapshot missed. Rows are locked in document-name order, which
 * keeps two batches from locking each other's documents crosswise (and a deadlock that happens
 * anyway is retried).
 */
const APPEND_BATCH = `
WITH batch AS (
  SELECT doc, data, ord FROM unnest($1::text[], $2::bytea[]) WITH ORDINALITY AS b(doc, data, ord)
), counts AS (
  SELECT doc, count(*) AS n FROM batch GROUP BY doc
), blocks AS (
  INSERT INTO doc_seqs AS s (doc, last_seq)
  SELECT doc, n FROM counts ORDER BY doc
  ON CONFLICT (doc) DO UPDATE SET last_seq = s.last_seq + excluded.last_seq
  RETURNING doc, last_seq
)
INSERT INTO update_log (doc, seq, data)
SELECT b.doc, k.last_seq - c.n + row_number() OVER (PARTITION BY b.doc ORDER BY b.ord), b.data
FROM batch b JOIN blocks k USING (doc) JOIN counts c USING (doc)
`

// One statement is one snapshot in READ COMMITTED: the snapshot and the log it is read with come
// from the same committed state even while another instance compacts.
const LOAD = `
SELECT 0 AS kind, up_to_seq AS seq, data FROM snapshots WHERE doc = $1
UNION ALL
SELECT 1 AS kind, seq, data FROM update_log WHERE doc = $1
  AND seq > COALESCE((SELECT up_to_seq FROM snapshots WHERE doc = $1), 0)
ORDER BY kind, seq
`

/**
 * {@link UpdateStore} on Postgres with group-committed appends, for several Tandem instances
 * sharing one database. An append resolves once its statement has committed (synchronous_commit
 * as the server is configured; the default waits for the WAL flush).
 */
export class PostgresUpdateStore implements UpdateStore {
  private readonly database: PostgresDatabase
  private readonly appends: GroupCommit<Append>
  private closed = false
  // A compaction holds one pooled connection for its lock and needs a second one for its load and
  // write; with many at once (documents unloading on shutdown) they would take the whole pool
  // and each wait for a second connection, starving each other and the appends. So they queue.
  private readonly maxCompactions: number
  private compacting = 0
  private readonly waiting: (() => void)[] = []

  constructor(options: PostgresUpdateStoreOptions) {
    this.database = options.database
    this.maxCompactions = Math.max(1, options.maxCompactions ?? 2)
    this.appends = new GroupCommit<Append>({
      maxBatch: options.maxBatch ?? 2000,
      onCommit: options.onCommit,
      commit: (batch) => this.commit(batch),
    })
  }

  appendUpdate(doc: string, update: Uint8Array): Promise<void> {
    if (this.closed) return Promise.reject(new Error('update store is closed'))
    return this.appends.add({ doc, update })
  }

  async load(doc: string): Promise<StoredDocument> {
    const { rows } = await this.database.pool.query<{ kind: number; seq: string; data: Buffer }>(
      LOAD,
      [doc],
    )
    const first = rows[0]
    const snapshotRow = first?.kind === 0 ? first : undefined
    const log = snapshotRow ? rows.slice(1) : rows
    const last = rows.at(-1)
    return {
      snapshot: snapshotRow ? new Uint8Array(snapshotRow.data) : null,
      updates: log.map((row) => new Uint8Array(row.data)),
      // BIGINT arrives as a string; sequence numbers stay far below 2^53.
      lastSeq: last ? Number(last.seq) : 0,
    }
  }

  async writeSnapshot(doc: string, snapshot: Uint8Array, upToSeq: number): Promise<void> {
    await this.database.transaction(async (client) => {
      await client.query(
        `INSERT INTO snapshots AS s (doc, data, up_to_seq) VALUES ($1, $2, $3)
         ON CONFLICT (doc) DO UPDATE SET data = excluded.data, up_to_seq = excluded.up_to_seq
         WHERE excluded.up_to_seq >= s.up_to_seq`,
        [doc, Buffer.from(snapshot.buffer, snapshot.byteOffset, snapshot.byteLength), upToSeq],
      )
      await client.query('DELETE FROM update_log WHERE doc = $1 AND seq <= $2', [doc, upToSeq])
    })
  }

  /**
   * Holds a session advisory lock on `doc` for the duration of `work`. Postgres drops the lock
   * with the connection, so an instance killed mid-compaction never leaves it held.
   */
  async compactExclusively(doc: string, work: () => Promise<void>): Promise<boolean> {
    // A finishing compaction hands its slot straight to the next waiter.
    if (this.compacting >= this.maxCompactions) {
      await new Promise<void>((resolve) => this.waiting.push(resolve))
    } else {
      this.compacting++
    }
    try {
      return await this.lockedCompaction(doc, work)
    } finally {
      const next = this.waiting.shift()
      if (next) next()
      else this.compacting--
    }
  }

  private async lockedCompaction(doc: string, work: () => Promise<void>): Promise<boolean> {
    const client = await this.database.pool.connect()
    let locked = false
    let unlockFailed = false
    try {
      const { rows } = await client.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked',
        [`tandem:compact:${doc}`],
      )
      locked = rows[0]?.locked === true
      if (!locked) return false
      await work()
      return true
    } finally {
      if (locked) {
        await client
          .query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [`tandem:compact:${doc}`])
          .catch(() => (unlockFailed = true))
      }
      // A connection that may still hold the lock is closed rather than pooled (closing drops it).
      client.release(unlockFailed)
    }
  }

  /** Resolves once every append queued so far is committed (or failed). */
  flush(): Promise<void> {
    return this.appends.flush()
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await this.appends.flush()
    await this.database.close()
  }

  private async commit(batch: Append[]): Promise<void> {
    const docs: string[] = []
    const data: Buffer[] = []
    for (const row of batch) {
      if (typeof row.doc !== 'string') throw new TypeError('document name must be a string')
      docs.push(row.doc)
      data.push(Buffer.from(row.update.buffer, row.update.byteOffset, row.update.byteLength))
    }
    for (let attempt = 1; ; attempt++) {
      try {
        await this.database.pool.query(APPEND_BATCH, [docs, data])
        return
      } catch (error) {
        const code = (error as { code?: unknown }).code
        if (attempt >= MAX_ATTEMPTS || typeof code !== 'string' || !RETRYABLE.has(code)) throw error
      }
    }
  }
}
