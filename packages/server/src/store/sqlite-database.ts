import sqlite3 from 'sqlite3'

/** A row as sqlite3 returns it. */
export type Row = Record<string, unknown>

/** One sqlite3 connection with promise methods. */
export class SqliteConnection {
  private constructor(private readonly db: sqlite3.Database) {}

  /** Opens (creating if needed) the database file and applies the durability pragmas. */
  static async open(file: string, options: { readOnly?: boolean } = {}): Promise<SqliteConnection> {
    const mode = options.readOnly
      ? sqlite3.OPEN_READONLY
      : sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE
    const db = await new Promise<sqlite3.Database>((resolve, reject) => {
      const opened: sqlite3.Database = new sqlite3.Database(file, mode, (err) =>
        err ? reject(err) : resolve(opened),
      )
    })
    db.configure('busyTimeout', 5_000)
    const connection = new SqliteConnection(db)
    if (!options.readOnly) {
      // A WAL commit writes every page it touched in full; an append touches one leaf page, so
      // small pages keep the bytes written per update small (only effective on a new file).
      await connection.exec('PRAGMA page_size = 1024')
      // Compaction deletes log rows; incremental auto-vacuum lets it hand the freed pages back to
      // the file system (measured: the trace document's file was twice its snapshot without).
      // Like page_size, only effective on a new file.
      await connection.exec('PRAGMA auto_vacuum = INCREMENTAL')
      // WAL lets the read connection load documents while the writer commits.
      await connection.exec('PRAGMA journal_mode = WAL')
      // Truncate the WAL after checkpoints instead of keeping it at its high-water mark.
      await connection.exec('PRAGMA journal_size_limit = 4194304')
    }
    // synchronous=FULL fsyncs the WAL on every commit: the durability contract (ack after store).
    await connection.exec('PRAGMA synchronous = FULL')
    return connection
  }

  /** Runs one statement; resolves with the last inserted row id and the number of changed rows. */
  run(sql: string, params: unknown[] = []): Promise<{ lastID: number; changes: number }> {
    return new Promise((resolve, reject) => {
      this.db.run(sql, params, function (err) {
        if (err) reject(err)
        else resolve({ lastID: this.lastID, changes: this.changes })
      })
    })
  }

  /** Runs a query and resolves with every row. */
  all<T extends Row = Row>(sql: string, params: unknown[] = []): Promise<T[]> {
    return new Promise((resolve, reject) => {
      this.db.all<T>(sql, params, (err, rows) => (err ? reject(err) : resolve(rows)))
    })
  }

  /** Runs a query and resolves with its first row, if any. */
  get<T extends Row = Row>(sql: string, params: unknown[] = []): Promise<T | undefined> {
    return new Promise((resolve, reject) => {
      this.db.get<T>(sql, params, (err, row) => (err ? reject(err) : resolve(row)))
    })
  }

  /** Runs one or more statements without parameters. */
  exec(sql: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.db.exec(sql, (err) => (err ? reject(err) : resolve()))
    })
  }

  /** Closes the connection. */
  close(): Promise<void> {
    return new Promise((resolve, reject) => this.db.close((err) => (err ? reject(err) : resolve())))
  }
}

/**
 * The Tandem database: one write connection whose transactions run strictly one after another
 * (sqlite3 has no per-call transactions, so two interleaved BEGINs on one connection would
 * collide), plus one read connection that WAL lets read while a write commits.
 */
export class SqliteDatabase {
  private writeQueue: Promise<unknown> = Promise.resolve()

  private constructor(
    private readonly writer: SqliteConnection,
    /** Read-only queries; never sees uncommitted writes. */
    readonly reader: SqliteConnection,
  ) {}

  /** Opens the database file and creates the schema. */
  static async open(file: string): Promise<SqliteDatabase> {
    const writer = await SqliteConnection.open(file)
    await writer.exec(SCHEMA)
    const v1 = await writer.get(
      "SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = 'updates'",
    )
    if (v1) await writer.exec(`BEGIN IMMEDIATE; ${MIGRATE_V1} COMMIT;`)
    const reader = await SqliteConnection.open(file, { readOnly: true })
    return new SqliteDatabase(writer, reader)
  }

  /**
   * Runs `work` in one transaction after every earlier transaction has finished. Commits when
   * `work` resolves, rolls back (and rejects) when it throws.
   */
  transaction<T>(work: (db: SqliteConnection) => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      await this.writer.exec('BEGIN IMMEDIATE')
      try {
        const result = await work(this.writer)
        await this.writer.exec('COMMIT')
        return result
      } catch (error) {
        await this.writer.exec('ROLLBACK').catch((rollbackError: unknown) => {
          throw new AggregateError([error, rollbackError], 'transaction and rollback failed')
        })
        throw error
      }
    }
    return this.enqueue(run)
  }

  private enqueue<T>(run: () => Promise<T>): Promise<T> {
    const result = this.writeQueue.then(run, run)
    // The queue only orders work; each caller sees its own result or error.
    this.writeQueue = result.then(
      () => undefined,
      () => undefined,
    )
    return result
  }

  /**
   * Runs one statement after every earlier transaction. A single statement is its own
   * transaction in SQLite (atomic, one fsync), and it is one call to the database thread: the
   * hot path uses this, because each call is a round trip through the libuv thread pool and
   * back through a busy event loop, so one call instead of BEGIN + INSERT + COMMIT cuts the
   * time an update waits before its ack.
   */
  statement(sql: string, params: unknown[]): Promise<void> {
    return this.enqueue(async () => {
      await this.writer.run(sql, params)
    })
  }

  /** Waits for queued transactions, then closes both connections. */
  async close(): Promise<void> {
    await this.writeQueue
    await this.reader.close()
    await this.writer.close()
  }
}

// update_log is clustered by (doc, seq) WITHOUT ROWID: an append writes one B-tree leaf, no
// separate index page and no AUTOINCREMENT bookkeeping (seq comes from SqliteUpdateStore).
const SCHEMA = `
CREATE TABLE IF NOT EXISTS update_log (
  doc TEXT NOT NULL,
  seq INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (doc, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS snapshots (
  doc TEXT PRIMARY KEY,
  data BLOB NOT NULL,
  up_to_seq INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS memberships (
  doc TEXT NOT NULL,
  user_id TEXT NOT NULL,
  role TEXT NOT NULL,
  PRIMARY KEY (doc, user_id)
);
`

// Data dirs created by the first version of this file kept the log in \`updates\` (rowid = seq).
const MIGRATE_V1 = `
INSERT INTO update_log (doc, seq, data) SELECT doc, seq, data FROM updates;
DROP TABLE updates;
`
