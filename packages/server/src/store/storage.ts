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
  /** Resolves when the database answers (health checks); rejects otherwise. */
  ping(): Promise<void>
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
    return {
      kind: 'postgres',
      store: new PostgresUpdateStore({ database, onCommit: options.onCommit }),
      memberships: new PostgresMemberships(database),
      ping: () => database.ping(),
    }
  }
  await mkdir(options.dataDir, { recursive: true })
  const database = await SqliteDatabase.open(join(options.dataDir, DATABASE_FILE))
  return {
    kind: 'sqlite',
    store: new SqliteUpdateStore({ database, onCommit: options.onCommit }),
    memberships: new SqliteMemberships(database),
    ping: async () => {
      await database.reader.get('SELECT 1')
    },
  }
}
