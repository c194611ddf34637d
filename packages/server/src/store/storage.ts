import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Logger } from '../logger.js'
import { SqliteMemberships, type Memberships } from './memberships.js'
import { PostgresDatabase } from './postgres-database.js'
import { PostgresMemberships } from './postgres-memberships.js'
import { PostgresUpdateStore } from './postgres-update-store.js'
import { SqliteDatabase } from './sqlite-database.js'
import { SqliteUpdateStore } from './sqlite-update-store.js'
import type { UpdateStore } from './update-store.js'

/** File name of the SQLite database inside the data dir. */
export const DATABASE_FILE = 'tandem.sqlite'

/** The opened storage: documents and memberships in one database. */
export interface Storage {
  /** `sqlite` (embedded, one process per data dir) or `postgres` (shared by instances). */
  kind: 'sqlite' | 'postgres'
  store: UpdateStore
  memberships: Memberships
  /**
   * This instance's own SQLite database (version history, author spans, webhook outbox): the
   * document store's database in SQLite mode, a file in the data dir beside Postgres.
   */
  local: SqliteDatabase
  /** Resolves when the database answers (health checks); rejects otherwise. */
  ping(): Promise<void>
  /** Closes what `store.close()` does not: the local database beside Postgres. */
  closeLocal(): Promise<void>
}

/** Where to store, and what to report each group commit to. */
export interface StorageOptions {
  dataDir: string
  /** A Postgres URL selects the shared store; absent: SQLite in `dataDir`. */
  databaseUrl: string | undefined
  onCommit: (appends: number, durationMs: number) => void
  logger: Logger
}

/** Opens the configured storage: Postgres when a URL is given, else SQLite in the data dir. */
export async function openStorage(options: StorageOptions): Promise<Storage> {
  if (options.databaseUrl) {
    const database = await PostgresDatabase.open({
      url: options.databaseUrl,
      onIdleError: (error) => options.logger.warn('database.connection_lost', { error }),
    })
    await mkdir(options.dataDir, { recursive: true })
    const local = await SqliteDatabase.open(join(options.dataDir, DATABASE_FILE))
    return {
      kind: 'postgres',
      store: new PostgresUpdateStore({ database, onCommit: options.onCommit }),
      memberships: new PostgresMemberships(database),
      local,
      ping: () => database.ping(),
      closeLocal: () => local.close(),
    }
  }
  await mkdir(options.dataDir, { recursive: true })
  const database = await SqliteDatabase.open(join(options.dataDir, DATABASE_FILE))
  return {
    kind: 'sqlite',
    store: new SqliteUpdateStore({ database, onCommit: options.onCommit }),
    memberships: new SqliteMemberships(database),
    local: database,
    ping: async () => {
      await database.reader.get('SELECT 1')
    },
    // The SQLite update store closes its database itself.
    closeLocal: async () => undefined,
  }
}
