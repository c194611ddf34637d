import type * as Y from 'yjs'
import { ORIGIN } from './origins.js'

/** The map every document keeps its schema version (and kind-specific metadata) in. */
export const META_MAP = 'meta'
/** Key of the schema version inside {@link META_MAP}. */
export const SCHEMA_VERSION_KEY = 'schemaVersion'

/**
 * A numbered migration: `up` turns version `version - 1` into `version`. Two offline replicas
 * may run the same migration concurrently and both results merge, so `up` must be idempotent
 * (create-if-missing, never "move" data by deleting and re-inserting it).
 */
export interface Migration {
  readonly version: number
  up(doc: Y.Doc): void
}

/** The schema version stored in a document (0 for a new or pre-versioning document). */
export function schemaVersion(doc: Y.Doc): number {
  const value = doc.getMap(META_MAP).get(SCHEMA_VERSION_KEY)
  return typeof value === 'number' ? value : 0
}

/**
 * Brings `doc` up to the newest version in `migrations` in one transaction tagged
 * `ORIGIN.migration`. Returns the version reached. A document from a newer client (higher
 * version than we know) is left alone: we never downgrade.
 */
export function migrate(doc: Y.Doc, migrations: readonly Migration[]): number {
  const current = schemaVersion(doc)
  const pending = migrations
    .filter((m) => m.version > current)
    .sort((a, b) => a.version - b.version)
  const last = pending.at(-1)
  if (!last) return current
  doc.transact(() => {
    for (const migration of pending) migration.up(doc)
    doc.getMap(META_MAP).set(SCHEMA_VERSION_KEY, last.version)
  }, ORIGIN.migration)
  return last.version
}
