import type { SqliteDatabase } from '../store/sqlite-database.js'

/** Why a version exists. */
export type VersionKind = 'auto' | 'named' | 'restore'

/** Someone who changed the document. */
export interface Author {
  id: string
  name: string
}

/** A version as listed (without its state). */
export interface VersionInfo {
  id: string
  doc: string
  kind: VersionKind
  /** Set for named and restore versions. */
  name: string | null
  /** ms since the epoch. */
  created: number
  /** Who made the changes since the previous version. */
  authors: Author[]
}

/** A version with its state: a full Yjs update of the document at that time. */
export interface StoredVersion extends VersionInfo {
  state: Uint8Array
}

/**
 * Which user made a range of Yjs items (`insert`: items client:clock..clock+len were created by
 * them; `delete`: they deleted those items). Yjs ids carry no user, and server-side writers share
 * the server document's client id, so the recorder keeps this next to the versions.
 */
export interface AuthorSpan {
  kind: 'insert' | 'delete'
  client: number
  clock: number
  len: number
  author: Author
}

// Versions hold full states, not log positions, so compaction (which folds and deletes log rows)
// never touches them, and a version survives restarts like any row.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS versions (
  id TEXT PRIMARY KEY,
  doc TEXT NOT NULL,
  kind TEXT NOT NULL,
  name TEXT,
  created INTEGER NOT NULL,
  authors TEXT NOT NULL,
  state BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS versions_by_doc ON versions (doc, created);
CREATE TABLE IF NOT EXISTS author_spans (
  doc TEXT NOT NULL,
  kind TEXT NOT NULL,
  client INTEGER NOT NULL,
  clock INTEGER NOT NULL,
  len INTEGER NOT NULL,
  user_id TEXT NOT NULL,
  user_name TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS author_spans_by_doc ON author_spans (doc, client, clock);
`

interface VersionRow extends Record<string, unknown> {
  id: string
  doc: string
  kind: string
  name: string | null
  created: number
  authors: string
  state?: Buffer
}

/** Versions and author spans in the Tandem SQLite database (tables `versions`, `author_spans`). */
export class VersionStore {
  private readonly ready: Promise<void>

  constructor(private readonly database: SqliteDatabase) {
    this.ready = database.transaction((db) => db.exec(SCHEMA))
    // Callers await it and see the error; this only keeps it from counting as unhandled.
    this.ready.catch(() => undefined)
  }

  /** Stores a version and the author spans recorded since the previous one, in one transaction. */
  async add(version: StoredVersion, spans: readonly AuthorSpan[]): Promise<void> {
    await this.ready
    await this.database.transaction(async (db) => {
      await db.run(
        'INSERT INTO versions (id, doc, kind, name, created, authors, state) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [
          version.id,
          version.doc,
          version.kind,
          version.name,
          version.created,
          JSON.stringify(version.authors),
          Buffer.from(version.state.buffer, version.state.byteOffset, version.state.byteLength),
        ],
      )
      for (const s of spans) {
        await db.run(
          'INSERT INTO author_spans (doc, kind, client, clock, len, user_id, user_name) VALUES (?, ?, ?, ?, ?, ?, ?)',
          [version.doc, s.kind, s.client, s.clock, s.len, s.author.id, s.author.name],
        )
      }
    })
  }

  /** Versions of `doc`, newest first. */
  async list(doc: string): Promise<VersionInfo[]> {
    await this.ready
    const rows = await this.database.reader.all<VersionRow>(
      'SELECT id, doc, kind, name, created, authors FROM versions WHERE doc = ? ORDER BY created DESC, rowid DESC',
      [doc],
    )
    return rows.map(info)
  }

  /** One version with its state, or undefined. */
  async get(doc: string, id: string): Promise<StoredVersion | undefined> {
    await this.ready
    const row = await this.database.reader.get<VersionRow>(
      'SELECT id, doc, kind, name, created, authors, state FROM versions WHERE doc = ? AND id = ?',
      [doc, id],
    )
    if (!row?.state) return undefined
    return { ...info(row), state: new Uint8Array(row.state) }
  }

  /** Every author span recorded for `doc`. */
  async spans(doc: string): Promise<AuthorSpan[]> {
    await this.ready
    const rows = await this.database.reader.all<{
      kind: string
      client: number
      clock: number
      len: number
      user_id: string
      user_name: string
    }>('SELECT kind, client, clock, len, user_id, user_name FROM author_spans WHERE doc = ?', [doc])
    return rows.map((r) => ({
      kind: r.kind === 'delete' ? 'delete' : 'insert',
      client: r.client,
      clock: r.clock,
      len: r.len,
      author: { id: r.user_id, name: r.user_name },
    }))
  }

  /** Waits for the schema (so a failure to create it surfaces at start-up). */
  whenReady(): Promise<void> {
    return this.ready
  }
}

function info(row: VersionRow): VersionInfo {
  return {
    id: row.id,
    doc: row.doc,
    kind: row.kind === 'named' || row.kind === 'restore' ? row.kind : 'auto',
    name: row.name,
    created: row.created,
    authors: JSON.parse(row.authors) as Author[],
  }
}
