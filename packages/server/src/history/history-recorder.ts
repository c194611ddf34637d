import * as Y from 'yjs'
import { newId, parseDocName } from '@tandem/schema'
import type { ChangeFeed, DocumentChange } from '../events/change-feed.js'
import type { Logger } from '../logger.js'
import type {
  Author,
  AuthorSpan,
  StoredVersion,
  VersionInfo,
  VersionKind,
  VersionStore,
} from './version-store.js'

/** Options for {@link HistoryRecorder}. */
export interface HistoryRecorderOptions {
  feed: ChangeFeed
  versions: VersionStore
  /** The document's current state (live or stored); null when it has none. */
  read(doc: string): Promise<Y.Doc | null>
  logger: Logger
  /** An automatic version is cut after this long without changes (ms). @default 30000 */
  pauseMs?: number
  /** ... and at the latest this long after the first change of a group (ms). @default 600000 */
  maxGroupMs?: number
  /** Called after each version is stored (events, webhooks). */
  onVersion?(version: VersionInfo): void
}

interface Group {
  /** Set by {@link HistoryRecorder.label}: the next cut of this group is a version of this kind. */
  label?: { kind: VersionKind; name: string; by: Author }
  authors: Map<string, string>
  spans: AuthorSpan[]
  firstAt: number
  timer: NodeJS.Timeout | undefined
}

/**
 * Records version history from the change feed: who changed what (author spans, since Yjs ids
 * carry no user) and automatic versions after a pause in editing, listing the authors of the
 * group; named and restore versions are cut on request. Versions are full document states in
 * SQLite, so compaction of the update log and restarts leave them intact.
 */
export class HistoryRecorder {
  private readonly groups = new Map<string, Group>()
  // One version write at a time per document, so versions keep the order of the changes.
  private readonly writing = new Map<string, Promise<unknown>>()
  private readonly pauseMs: number
  private readonly maxGroupMs: number
  private readonly unsubscribe: () => void
  private closed = false

  constructor(private readonly options: HistoryRecorderOptions) {
    this.pauseMs = options.pauseMs ?? 30_000
    this.maxGroupMs = options.maxGroupMs ?? 600_000
    this.unsubscribe = options.feed.subscribe({
      change: (change) => this.note(change),
      unload: (doc, document) => this.cutQuietly(doc, document),
    })
  }

  /**
   * Cuts a version of `doc` now (named, or a restore), folding in the changes since the last
   * one; `by` is added to its authors. Resolves with the stored version.
   */
  async cut(
    doc: string,
    kind: VersionKind,
    name: string | null,
    by?: Author,
  ): Promise<VersionInfo> {
    const version = await this.queue(doc, () => this.write(doc, kind, name, by, undefined))
    if (!version) throw new Error(`${doc} has no state to version`)
    return version
  }

  /** Cuts a version of `doc` now if it has changes not yet in a version. */
  async flush(doc: string): Promise<VersionInfo | undefined> {
    if (!this.groups.has(doc)) {
      // A cut may be under way (an unload's): let it finish, so its version is listed.
      await this.writing.get(doc)
      return undefined
    }
    return this.queue(doc, () => this.write(doc, 'auto', null, undefined, undefined))
  }

  /**
   * Starts a new group for `doc` whose version will be `kind`/`name` (a restore), whoever cuts
   * it: the caller's flush, or the unload that follows a server-side write. Flush first.
   */
  label(doc: string, kind: VersionKind, name: string, by: Author): void {
    const group = this.newGroup(doc)
    group.label = { kind, name, by }
  }

  private newGroup(doc: string): Group {
    let group = this.groups.get(doc)
    if (!group) {
      group = { authors: new Map(), spans: [], firstAt: Date.now(), timer: undefined }
      this.groups.set(doc, group)
    }
    return group
  }

  /** Author spans recorded for `doc` since its last version (not stored yet). */
  pendingSpans(doc: string): readonly AuthorSpan[] {
    return this.groups.get(doc)?.spans ?? []
  }

  /** Cuts the automatic versions still pending, then stops. */
  async close(): Promise<void> {
    for (const doc of [...this.groups.keys()]) await this.cutQuietly(doc, undefined)
    this.closed = true
    this.unsubscribe()
    await Promise.all(this.writing.values())
  }

  private note({ doc, update, user }: DocumentChange): void {
    // History is for content (documents and boards); indexes, comments, chat and inboxes have
    // their own log-like shape and would only fill the table.
    const kind = parseDocName(doc)?.kind
    if (this.closed || (kind !== 'doc' && kind !== 'board')) return
    const group = this.newGroup(doc)
    if (user) {
      group.authors.set(user.id, user.name)
      addSpans(group.spans, update, { id: user.id, name: user.name })
    }
    clearTimeout(group.timer)
    const wait = Math.max(0, Math.min(this.pauseMs, group.firstAt + this.maxGroupMs - Date.now()))
    group.timer = setTimeout(() => void this.cutQuietly(doc, undefined), wait)
    group.timer.unref()
  }

  // Automatic cut (pause, unload, shutdown): failures are logged, never thrown into Hocuspocus.
  private async cutQuietly(doc: string, document: Y.Doc | undefined): Promise<void> {
    if (!this.groups.has(doc)) return
    try {
      await this.queue(doc, () => this.write(doc, 'auto', null, undefined, document))
    } catch (error) {
      this.options.logger.error('history.version_failed', { doc, error })
    }
  }

  private queue<T>(doc: string, work: () => Promise<T>): Promise<T> {
    const previous = this.writing.get(doc) ?? Promise.resolve()
    const run = previous.then(work, work)
    const settled = run.then(
      () => undefined,
      () => undefined,
    )
    this.writing.set(doc, settled)
    void settled.then(() => {
      if (this.writing.get(doc) === settled) this.writing.delete(doc)
    })
    return run
  }

  private async write(
    doc: string,
    kind: VersionKind,
    name: string | null,
    by: Author | undefined,
    document: Y.Doc | undefined,
  ): Promise<VersionInfo | undefined> {
    const group = this.groups.get(doc)
    // An automatic cut whose group an earlier cut already took has nothing left to record.
    if (kind === 'auto' && !group) return undefined
    if (group) {
      clearTimeout(group.timer)
      this.groups.delete(doc)
    }
    if (group?.label && kind === 'auto') ({ kind, name, by } = group.label)
    const current = document ?? (await this.options.read(doc))
    if (!current) return undefined
    const authors = new Map(group?.authors)
    if (by) authors.set(by.id, by.name)
    const version: StoredVersion = {
      id: newId(),
      doc,
      kind,
      name,
      created: Date.now(),
      authors: [...authors].map(([id, n]) => ({ id, name: n })),
      state: Y.encodeStateAsUpdate(current),
    }
    try {
      await this.options.versions.add(version, group?.spans ?? [])
    } catch (error) {
      // Keep what the group recorded for the next attempt (its authors and spans are history).
      if (group && !this.groups.has(doc)) this.groups.set(doc, { ...group, timer: undefined })
      throw error
    }
    const { state: _state, ...info } = version
    this.options.onVersion?.(info)
    return info
  }
}

// Records which items `update` created and deleted, merging with the previous span when a user
// keeps typing (consecutive clocks of one client), so a paragraph is one row, not one per key.
function addSpans(spans: AuthorSpan[], update: Uint8Array, author: Author): void {
  const { structs, ds } = Y.decodeUpdate(update)
  const push = (kind: AuthorSpan['kind'], client: number, clock: number, len: number): void => {
    const last = spans[spans.length - 1]
    if (
      last &&
      last.kind === kind &&
      last.client === client &&
      last.author.id === author.id &&
      last.clock + last.len === clock
    ) {
      last.len += len
    } else {
      spans.push({ kind, client, clock, len, author })
    }
  }
  for (const struct of structs) {
    if (struct instanceof Y.Item) push('insert', struct.id.client, struct.id.clock, struct.length)
  }
  for (const [client, items] of ds.clients) {
    for (const item of items) push('delete', client, item.clock, item.len)
  }
}
