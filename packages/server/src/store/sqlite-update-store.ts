import { GroupCommit } from './group-commit.js'
import type { SqliteConnection, SqliteDatabase } from './sqlite-database.js'
import type { StoredDocument, UpdateStore } from './update-store.js'

/** Options for {@link SqliteUpdateStore}. */
export interface SqliteUpdateStoreOptions {
  /** The opened database (shared with the membership table). */
  database: SqliteDatabase
  /** Largest number of appends in one transaction (3 bound values each; SQLite allows 32766). @default 2000 */
  maxBatch?: number
  /** Called after every group commit with its size and duration (metrics, tests). */
  onCommit?: (appends: number, durationMs: number) => void
}

interface Append {
  doc: string
  update: Uint8Array
}

/** {@link UpdateStore} on SQLite (WAL, synchronous=FULL) with group-committed appends. */
export class SqliteUpdateStore implements UpdateStore {
  private readonly database: SqliteDatabase
  private readonly appends: GroupCommit<Append>
  private closed = false
  // Highest sequence number handed out; read from the file on the first commit. One server
  // process writes a data dir (as with any embedded database).
  private lastSeq: number | undefined

  constructor(options: SqliteUpdateStoreOptions) {
    this.database = options.database
    this.appends = new GroupCommit<Append>({
      // 3 bound values per row; SQLite allows 32766 per statement.
      maxBatch: Math.min(options.maxBatch ?? 2000, 10_000),
      onCommit: options.onCommit,
      commit: async (batch) => {
        // Sequence numbers grow across the whole store and are never reused, also after a
        // compaction deleted the newest rows: a snapshot covers "every seq <= up_to_seq".
        this.lastSeq ??= await readLastSeq(this.database.reader)
        let seq = this.lastSeq
        const params: unknown[] = []
        for (const row of batch) {
          if (typeof row.doc !== 'string') throw new TypeError('document name must be a string')
          params.push(
            row.doc,
            ++seq,
            Buffer.from(row.update.buffer, row.update.byteOffset, row.update.byteLength),
          )
        }
        this.lastSeq = seq
        // One multi-row INSERT: one statement, one transaction, one trip to the database thread.
        await this.database.statement(
          `INSERT INTO update_log (doc, seq, data) VALUES ${batch.map(() => '(?, ?, ?)').join(', ')}`,
          params,
        )
      },
    })
  }

  appendUpdate(doc: string, update: Uint8Array): Promise<void> {
    if (this.closed) return Promise.reject(new Error('update store is closed'))
    return this.appends.add({ doc, update })
  }

  async load(doc: string): Promise<StoredDocument> {
    // One statement is one implicit read transaction: the snapshot and the log come from the
    // same committed state even while a compaction commits on the writer.
    const rows = await this.database.reader.all<{ kind: number; seq: number; data: Buffer }>(
      `SELECT 0 AS kind, up_to_seq AS seq, data FROM snapshots WHERE doc = ?1
       UNION ALL
       SELECT 1 AS kind, seq, data FROM update_log WHERE doc = ?1
         AND seq > COALESCE((SELECT up_to_seq FROM snapshots WHERE doc = ?1), 0)
       ORDER BY kind, seq`,
      [doc],
    )
    const first = rows[0]
    const snapshotRow = first?.kind === 0 ? first : undefined
    const log = snapshotRow ? rows.slice(1) : rows
    return {
      snapshot: snapshotRow ? toBytes(snapshotRow.data) : null,
      updates: log.map((row) => toBytes(row.data)),
      lastSeq: rows.at(-1)?.seq ?? 0,
    }
  }

  async writeSnapshot(doc: string, snapshot: Uint8Array, upToSeq: number): Promise<void> {
    await this.database.transaction(async (db) => {
      await db.run(
        `INSERT INTO snapshots (doc, data, up_to_seq) VALUES (?, ?, ?)
         ON CONFLICT (doc) DO UPDATE SET data = excluded.data, up_to_seq = excluded.up_to_seq
         WHERE excluded.up_to_seq >= snapshots.up_to_seq`,
        [doc, Buffer.from(snapshot), upToSeq],
      )
      await db.run('DELETE FROM update_log WHERE doc = ? AND seq <= ?', [doc, upToSeq])
      // Returns the pages those rows held to the file system (see auto_vacuum in SqliteConnection).
      await db.exec('PRAGMA incremental_vacuum')
    })
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
}

async function readLastSeq(db: SqliteConnection): Promise<number> {
  const row = await db.get<{ last: number | null }>(
    `SELECT max(
       COALESCE((SELECT max(seq) FROM update_log), 0),
       COALESCE((SELECT max(up_to_seq) FROM snapshots), 0)
     ) AS last`,
  )
  return row?.last ?? 0
}

// sqlite3 returns Buffers that may share a pooled ArrayBuffer; copy into a plain Uint8Array.
function toBytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer)
}
