import type {
  Extension,
  afterUnloadDocumentPayload,
  beforeUnloadDocumentPayload,
  onAwarenessUpdatePayload,
  onChangePayload,
} from '@hocuspocus/server'
import type * as Y from 'yjs'
import type { CollabContext, SessionUser } from '../collab/context.js'

/** One applied change of a document, with who made it when the server knows. */
export interface DocumentChange {
  doc: string
  update: Uint8Array
  /** The user whose connection (or REST call) sent it; null for other origins (Redis, migrations). */
  user: SessionUser | null
}

/** What a {@link ChangeFeed} tells its listeners. */
export interface ChangeListener {
  /** After a change was applied to a loaded document (stored or about to be). */
  change?(change: DocumentChange): void
  /** When the number of people present on a document changed. */
  presence?(doc: string, count: number): void
  /** Before a loaded document is unloaded; awaited (history cuts its version here). */
  unload?(doc: string, document: Y.Doc): Promise<void>
}

/**
 * A Hocuspocus extension that tells listeners (events, history, webhooks) about every applied
 * change and about presence counts, so those features never reach into the collaboration core.
 */
export class ChangeFeed implements Extension {
  extensionName = 'TandemChangeFeed'
  private readonly listeners: ChangeListener[] = []
  private readonly presence = new Map<string, number>()

  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: ChangeListener): () => void {
    this.listeners.push(listener)
    return () => {
      const i = this.listeners.indexOf(listener)
      if (i >= 0) this.listeners.splice(i, 1)
    }
  }

  async onChange({ documentName, update, context }: onChangePayload): Promise<void> {
    const user = (context as CollabContext | undefined)?.user ?? null
    const change = { doc: documentName, update, user }
    for (const listener of this.listeners) listener.change?.(change)
  }

  async onAwarenessUpdate({
    documentName,
    awareness,
    added,
    removed,
  }: onAwarenessUpdatePayload): Promise<void> {
    // Most awareness updates move a cursor: only joins and leaves can change the count, and
    // counting is O(states), which a reconnect storm would otherwise pay per update.
    if (added.length === 0 && removed.length === 0 && this.presence.has(documentName)) return
    // States without a user are invisible users (ARCHITECTURE.md: they set no state).
    let count = 0
    for (const state of awareness.getStates().values()) if (state && 'user' in state) count++
    this.setPresence(documentName, count)
  }

  async beforeUnloadDocument({
    documentName,
    document,
  }: beforeUnloadDocumentPayload): Promise<void> {
    for (const listener of this.listeners) await listener.unload?.(documentName, document)
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
    this.setPresence(documentName, 0)
    this.presence.delete(documentName)
  }

  private setPresence(doc: string, count: number): void {
    if ((this.presence.get(doc) ?? 0) === count) return
    this.presence.set(doc, count)
    for (const listener of this.listeners) listener.presence?.(doc, count)
  }
}
