/** What {@link UpdateStore.load} returns: the compacted snapshot plus the log written after it. */
export interface StoredDocument {
  /** The latest compacted state, or null when the document was never compacted. */
  snapshot: Uint8Array | null
  /** Updates appended after the snapshot, oldest first. */
  updates: Uint8Array[]
  /** Sequence number of the last update returned (or of the snapshot when none); pass it to writeSnapshot. */
  lastSeq: number
}

/**
 * Byte-level storage for Yjs documents: an append-only update log per document plus compacted
 * snapshots. Implementations know nothing about Yjs; the shared suite
 * (`test/support/update-store-suite.ts`) proves an implementation.
 */
export interface UpdateStore {
  /** Appends one update; resolves only once it is durably stored. */
  appendUpdate(doc: string, update: Uint8Array): Promise<void>
  /** Loads the snapshot and every update logged after it. */
  load(doc: string): Promise<StoredDocument>
  /**
   * Replaces the snapshot with `snapshot`, which covers every update up to `upToSeq`, and deletes
   * those updates, in one transaction. Updates appended meanwhile (seq > upToSeq) stay.
   */
  writeSnapshot(doc: string, snapshot: Uint8Array, upToSeq: number): Promise<void>
  /**
   * Runs `work` (a compaction of `doc`) unless another process is compacting `doc`; resolves
   * true when it ran. Stores shared by several server processes implement it (Postgres: an
   * advisory lock); a store only one process writes may leave it out.
   */
  compactExclusively?(doc: string, work: () => Promise<void>): Promise<boolean>
  /** Finishes pending writes and releases the storage. */
  close(): Promise<void>
}
