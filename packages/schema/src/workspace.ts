import * as Y from 'yjs'
import { isValidId, newId } from './names.js'
import { ORIGIN } from './origins.js'
import { migrate, type Migration } from './migrations.js'
import { TandemError } from './errors.js'
import { checkPerson } from './text.js'

/** Name of the map (id -> entry map) in a `workspace:` document. */
export const WORKSPACE_ENTRIES = 'entries'
/** Name of the map (user id -> member) in a `workspace:` document. */
export const WORKSPACE_MEMBERS = 'members'

/** Kinds of item a workspace lists. */
export type WorkspaceItemKind = 'doc' | 'board'

/** One item of the document index, as read from the workspace document. */
export interface WorkspaceEntry {
  readonly id: string
  readonly kind: WorkspaceItemKind
  readonly title: string
  /** Creation time, ms since epoch. */
  readonly created: number
  /** Last rename/trash/restore, ms since epoch. */
  readonly updated: number
  /** Trash time in ms, or null when not trashed. */
  readonly trashed: number | null
  /** User id of the creator, when known. */
  readonly createdBy: string | null
}

/** Someone who has joined the workspace (for @mention autocomplete, also offline). */
export interface WorkspaceMember {
  readonly id: string
  readonly name: string
  readonly color: string
  /** First join, ms since epoch. */
  readonly joined: number
}

/** Longest title accepted; longer input is refused, not cut. */
export const MAX_TITLE_LENGTH = 200

export const WORKSPACE_MIGRATIONS: readonly Migration[] = [
  { version: 1, up: (doc) => void doc.getMap(WORKSPACE_ENTRIES) },
  { version: 2, up: (doc) => void doc.getMap(WORKSPACE_MEMBERS) },
]

function checkTitle(title: unknown): string {
  if (typeof title !== 'string') throw new TandemError('bad-request', 'title must be a string')
  const trimmed = title.trim()
  if (trimmed.length > MAX_TITLE_LENGTH) {
    throw new TandemError('bad-request', `title longer than ${MAX_TITLE_LENGTH} characters`)
  }
  return trimmed
}

function readEntry(id: string, value: unknown): WorkspaceEntry | null {
  if (!(value instanceof Y.Map)) return null
  const kind = value.get('kind')
  if (kind !== 'doc' && kind !== 'board') return null
  const num = (key: string): number => {
    const v = value.get(key)
    return typeof v === 'number' ? v : 0
  }
  const trashed = value.get('trashed')
  const createdBy = value.get('createdBy')
  const title = value.get('title')
  return {
    id,
    kind,
    title: typeof title === 'string' ? title : '',
    created: num('created'),
    updated: num('updated'),
    trashed: typeof trashed === 'number' ? trashed : null,
    createdBy: typeof createdBy === 'string' ? createdBy : null,
  }
}

/**
 * Typed access to a `workspace:<id>` document: the index of documents and boards
 * (id -> title, kind, created, trashed), kept in Yjs so lists work offline. Each entry is its
 * own Y.Map, so a concurrent rename and trash of one item both survive the merge.
 */
export class WorkspaceDoc {
  readonly entries: Y.Map<Y.Map<unknown>>
  readonly members: Y.Map<unknown>
  constructor(readonly doc: Y.Doc) {
    this.entries = doc.getMap(WORKSPACE_ENTRIES)
    this.members = doc.getMap(WORKSPACE_MEMBERS)
  }

  /** Runs the workspace migrations (idempotent; call once the local copy has loaded). */
  migrate(): number {
    return migrate(this.doc, WORKSPACE_MIGRATIONS)
  }

  /** Every valid entry, newest first; trashed ones only when `includeTrashed`. */
  list(options: { includeTrashed?: boolean; query?: string } = {}): WorkspaceEntry[] {
    const query = options.query?.trim().toLowerCase() ?? ''
    const result: WorkspaceEntry[] = []
    this.entries.forEach((value, id) => {
      const entry = readEntry(id, value)
      if (!entry) return
      if (entry.trashed !== null && !options.includeTrashed) return
      if (query && !entry.title.toLowerCase().includes(query)) return
      result.push(entry)
    })
    return result.sort((a, b) => b.created - a.created || a.id.localeCompare(b.id))
  }

  /** One entry, or null. */
  get(id: string): WorkspaceEntry | null {
    return readEntry(id, this.entries.get(id))
  }

  /** Adds a document or board and returns its entry. */
  create(input: {
    kind: WorkspaceItemKind
    title?: string
    id?: string
    createdBy?: string
  }): WorkspaceEntry {
    if (input.kind !== 'doc' && input.kind !== 'board') {
      throw new TandemError('bad-request', `unknown item kind: ${String(input.kind)}`)
    }
    const id = input.id ?? newId()
    if (!isValidId(id)) throw new TandemError('invalid-document-name', `invalid id: ${id}`)
    if (this.entries.has(id)) throw new TandemError('bad-request', `an item with id ${id} exists`)
    const title = checkTitle(input.title ?? '')
    const now = Date.now()
    this.doc.transact(() => {
      const entry = new Y.Map<unknown>()
      entry.set('kind', input.kind)
      entry.set('title', title)
      entry.set('created', now)
      entry.set('updated', now)
      entry.set('trashed', null)
      entry.set('createdBy', input.createdBy ?? null)
      this.entries.set(id, entry)
    }, ORIGIN.local)
    return this.get(id) as WorkspaceEntry
  }

  /** Sets an item's title (trimmed; at most {@link MAX_TITLE_LENGTH} characters). */
  rename(id: string, title: string): void {
    const clean = checkTitle(title)
    this.update(id, (entry) => entry.set('title', clean))
  }

  /** Moves an item to the trash (it stays restorable). */
  trash(id: string): void {
    this.update(id, (entry) => entry.set('trashed', Date.now()))
  }

  /** Takes an item out of the trash. */
  restore(id: string): void {
    this.update(id, (entry) => entry.set('trashed', null))
  }

  /**
   * Records that a person is a member (first join time kept; name and colour follow the
   * latest join). Writes nothing when nothing changed, so calling it on every visit is cheap.
   */
  join(input: { id: string; name: string; color: string }): WorkspaceMember {
    const person = checkPerson(input)
    const known = this.member(person.id)
    if (known && known.name === person.name && known.color === input.color) return known
    const member = { ...person, color: input.color, joined: known?.joined ?? Date.now() }
    this.doc.transact(() => this.members.set(person.id, member), ORIGIN.local)
    return member
  }

  /** Every member, by name. */
  memberList(): WorkspaceMember[] {
    const result: WorkspaceMember[] = []
    this.members.forEach((_, id) => {
      const member = this.member(id)
      if (member) result.push(member)
    })
    return result.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
  }

  /** One member, or null. */
  member(id: string): WorkspaceMember | null {
    const value = this.members.get(id) as Partial<WorkspaceMember> | undefined
    if (typeof value?.name !== 'string') return null
    return {
      id,
      name: value.name,
      color: typeof value.color === 'string' ? value.color : '#888888',
      joined: typeof value.joined === 'number' ? value.joined : 0,
    }
  }

  /** Calls `listener` after every change to the index; returns the unsubscribe function. */
  observe(listener: () => void): () => void {
    const handler = (): void => listener()
    this.entries.observeDeep(handler)
    return () => this.entries.unobserveDeep(handler)
  }

  private update(id: string, change: (entry: Y.Map<unknown>) => void): void {
    const entry = this.entries.get(id)
    if (!(entry instanceof Y.Map)) throw new TandemError('not-found', `no item with id ${id}`)
    this.doc.transact(() => {
      change(entry)
      entry.set('updated', Date.now())
    }, ORIGIN.local)
  }
}

/** Typed accessor over a `workspace:` Y.Doc. */
export function workspaceDoc(doc: Y.Doc): WorkspaceDoc {
  return new WorkspaceDoc(doc)
}
