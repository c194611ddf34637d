import pg from 'pg'

/** Options for {@link PostgresDatabase.open}. */
export interface PostgresDatabaseOptions {
  /** `postgres://user:password@host:port/database` (or `postgresql://`). */
  url: string
  /** Connections in the pool. @default 10 */
  maxConnections?: number
  /** How long opening waits for the first connection before it fails (ms). @default 5000 */
  connectTimeoutMs?: number
  /** Called when an idle pooled connection breaks (e.g. Postgres restarted). @default ignored */
  onIdleError?: (error: Error) => void
}

/** A Postgres URL that cannot be used, or a database that cannot be reached, at start-up. */
export class DatabaseUrlError extends Error {
  override readonly name = 'DatabaseUrlError'
}

/**
 * The shared Tandem database on Postgres: a connection pool plus the schema. Several Tandem
 * processes open the same database; everything that must be ordered across them is ordered by
 * Postgres (row locks, advisory locks), never by a counter in one process.
 */
export class PostgresDatabase {
  private constructor(readonly pool: pg.Pool) {}

  /**
   * Checks the URL, connects (bounded by `connectTimeoutMs`) and creates the schema. Throws
   * {@link DatabaseUrlError} with a message that names the problem (malformed URL, unreachable
   * server, refused login) so an operator sees it at start, not at the first edit.
   */
  static async open(options: PostgresDatabaseOptions): Promise<PostgresDatabase> {
    const target = checkPostgresUrl(options.url)
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.maxConnections ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    })
    // An idle client that loses its connection (Postgres restarted) emits 'error' on the pool;
    // without a listener that would crash the process. The pool drops the client and the next
    // query opens a new connection; the failure of a query in flight reaches its caller.
    pool.on('error', (error) => options.onIdleError?.(error))
    try {
      await createSchema(pool)
    } catch (error) {
      await pool.end().catch(() => undefined)
      throw new DatabaseUrlError(
        `cannot use the Postgres database at ${target}: ${(error as Error).message}`,
        { cause: error },
      )
    }
    return new PostgresDatabase(pool)
  }

  /** Runs `work` in one transaction on one pooled connection; rolls back if it throws. */
  async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect()
    try {
      await client.query('BEGIN')
      const result = await work(client)
      await client.query('COMMIT')
      return result
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined)
      throw error
    } finally {
      client.release()
    }
  }

  /** Resolves when the database answers a trivial query (health checks). */
  async ping(): Promise<void> {
    await this.pool.query('SELECT 1')
  }

  /** Closes every pooled connection (after queries in flight finish). */
  async close(): Promise<void> {
    await this.pool.end()
  }
}

/**
 * Validates a Postgres URL and returns it without the password (for messages). Throws
 * {@link DatabaseUrlError} for anything that is not `postgres://` or `postgresql://` with a host.
 */
export function checkPostgresUrl(value: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new DatabaseUrlError(`the database URL is not a URL: "${redact(value)}"`)
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new DatabaseUrlError(
      `the database URL must start with postgres:// or postgresql://, got "${url.protocol}//"`,
    )
  }
  if (!url.hostname) throw new DatabaseUrlError('the database URL names no host')
  if (url.password) url.password = '***'
  return url.toString()
}

function redact(value: string): string {
  return value.replace(/:\/\/([^:/@]*):[^@]*@/, '://$1:***@')
}

// Two instances starting at once would race on CREATE TABLE IF NOT EXISTS (it is not atomic
// against a concurrent create of the same name); a transaction-scoped advisory lock serialises
// them. The key is an arbitrary constant that belongs to Tandem's schema set-up.
const SCHEMA_LOCK = 727_001

// update_log's key (doc, seq) is also its index: a load is one index range scan. doc_seqs hands
// out each document's sequence numbers under a row lock, so the appends of one document commit
// in sequence order whichever instance writes them (see PostgresUpdateStore).
const SCHEMA = `
CREATE TABLE IF NOT EXISTS doc_seqs (
  doc TEXT PRIMARY KEY,
  last_seq BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS update_log (
  doc TEXT NOT NULL,
  seq BIGINT NOT NULL,
  data BYTEA NOT NULL,
  PRIMARY KEY (doc, seq)
);
CREATE TABLE IF NOT EXISTS snapshots (
  doc TEXT PRIMARY KEY,
  data BYTEA NOT NULL,
  up_to_seq BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS memberships (
  doc TEXT NOT NULL,
  user_id TEXT NOT NULL,
  role TEXT NOT NULL,
  PRIMARY KEY (doc, user_id)
);
`

async function createSchema(pool: pg.Pool): Promise<void> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK])
    await client.query(SCHEMA)
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  } finally {
    client.release()
  }
}
