import type {
  Document,
  Extension,
  Hocuspocus,
  afterLoadDocumentPayload,
  afterUnloadDocumentPayload,
  onConfigurePayload,
} from '@hocuspocus/server'
import * as Y from 'yjs'
import {
  chatDoc,
  commentsDoc,
  docName,
  inboxDoc,
  notificationId,
  ORIGIN,
  isValidId,
  parseDocName,
  type Person,
} from '@tandem/schema'
import type { Logger } from '../logger.js'
import type { SessionUser } from '../collab/context.js'
import { connectionUser, isOrigin } from '../collab/origins.js'
import { messageEvents, threadEvents, type InboxEvent } from './inbox-events.js'

/** Options for {@link Notifier}. */
export interface NotifierOptions {
  /**
   * When a comments or chat document loads, events this recent are delivered again (ids make
   * that a no-op when they were): covers a crash between storing a comment and writing the
   * notification. @default 3_600_000 (1 h)
   */
  catchUpMs?: number
  logger: Logger
  /**
   * A new mention notification came from a change a connection of this instance made (not a
   * change relayed over Redis, nor a rescan): exactly one instance reports each (webhooks).
   * @default none
   */
  onMention?: (event: InboxEvent) => void
}

// Keys (recipient + notification id) delivered recently: a rescan does not reopen the inbox.
const REMEMBERED = 20_000

/**
 * Writes notifications into `inbox:<user>` documents as the server (Hocuspocus direct
 * connections, so they are stored and pushed live like any change). It watches the loaded
 * `comments:` and `chat:` documents for new or edited comments and messages: mentions notify
 * the people named, replies notify the thread's earlier participants. A notification's id
 * comes from its event (see `notificationId`), so a client's retry or a rescan after a restart
 * (on this instance or another) writing the same event again leaves exactly one. Changes relayed
 * over Redis are left to the instance that received them from a connection.
 */
export class Notifier implements Extension {
  extensionName = 'TandemNotifier'
  private instance: Hocuspocus | undefined
  private readonly catchUpMs: number
  // Per document name: the loaded copy being watched, and how to stop.
  private readonly watches = new Map<string, { document: Document; stop: () => void }>()
  private readonly delivered = new Set<string>()
  // Per-recipient queue, written through one direct connection per run (see write()).
  private readonly queued = new Map<string, InboxEvent[]>()
  private readonly writing = new Map<string, Promise<void>>()

  constructor(private readonly options: NotifierOptions) {
    this.catchUpMs = options.catchUpMs ?? 3_600_000
  }

  async onConfigure({ instance }: onConfigurePayload): Promise<void> {
    this.instance = instance
  }

  async afterLoadDocument({ document, documentName }: afterLoadDocumentPayload): Promise<void> {
    const kind = parseDocName(documentName)?.kind
    if (kind === 'comments') this.watchComments(document, documentName)
    else if (kind === 'chat') this.watchChat(document, documentName)
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
    // Earlier hooks of this unload (compaction) take time: a new copy of the document may have
    // loaded meanwhile, and its watch must stay.
    const watch = this.watches.get(documentName)
    if (!watch || this.instance?.documents.get(documentName) === watch.document) return
    watch.stop()
    this.watches.delete(documentName)
  }

  /**
   * Tells `recipient` a document was shared with them (the owner gave them a role): one
   * notification per document and person, however often it is shared again.
   */
  share(event: { doc: string; recipient: string; role: string; actor: Person }): void {
    this.enqueue(
      [
        {
          recipient: event.recipient,
          kind: 'share',
          actor: event.actor,
          target: { doc: event.doc },
          excerpt: `Role: ${event.role}`,
        },
      ],
      null,
    )
  }

  /** Waits for every notification being written (shutdown, tests). */
  async flush(): Promise<void> {
    while (this.writing.size > 0) await Promise.all(this.writing.values())
  }

  async onDestroy(): Promise<void> {
    await this.flush()
  }

  private watchComments(document: Document, name: string): void {
    const comments = commentsDoc(document)
    const since = Date.now() - this.catchUpMs
    for (const thread of comments.list({ includeResolved: true })) {
      const recent = thread.comments.filter((c) => c.created >= since).map((c) => c.id)
      if (recent.length > 0) this.enqueue(threadEvents(name, thread, new Set(recent)), null)
    }
    const handler = (events: Y.YEvent<Y.AbstractType<unknown>>[], tr: Y.Transaction): void => {
      if (relayed(tr)) return
      const changed = new Map<string, Set<string>>() // thread id -> comment ids
      for (const event of events) collectCommentChanges(event, changed)
      for (const [threadId, commentIds] of changed) {
        const thread = comments.get(threadId)
        if (thread) this.enqueue(threadEvents(name, thread, commentIds), connectionUser(tr.origin))
      }
    }
    comments.threads.observeDeep(handler)
    this.watches.set(name, { document, stop: () => comments.threads.unobserveDeep(handler) })
  }

  private watchChat(document: Document, name: string): void {
    const chat = chatDoc(document)
    const since = Date.now() - this.catchUpMs
    for (let i = chat.length - 1; i >= 0; i--) {
      const [message] = chat.window(i, i + 1)
      if (!message || message.created < since) break
      this.enqueue(messageEvents(name, message), null)
    }
    const handler = (events: Y.YEvent<Y.AbstractType<unknown>>[], tr: Y.Transaction): void => {
      if (relayed(tr)) return
      const ids = new Set<string>()
      for (const event of events) {
        if (event.target === chat.messages) {
          for (const id of addedIds(event)) ids.add(id)
        } else {
          const id = idOf(event.target) // an edit: new mentions notify too
          if (id) ids.add(id)
        }
      }
      for (const id of ids) {
        const message = chat.get(id)
        if (message) this.enqueue(messageEvents(name, message), connectionUser(tr.origin))
      }
    }
    chat.messages.observeDeep(handler)
    this.watches.set(name, { document, stop: () => chat.messages.unobserveDeep(handler) })
  }

  /**
   * Queues events for delivery. `from` is the user whose connection made the change: what a
   * connection writes in someone else's name notifies nobody (authors are client-written data).
   */
  private enqueue(events: InboxEvent[], from: SessionUser | null | undefined): void {
    for (const event of events) {
      if (from && event.actor.id !== from.id) continue
      const key = deliveryKey(event)
      if (this.delivered.has(key)) continue
      this.remember(key)
      if (from && event.kind === 'mention') this.options.onMention?.(event)
      const queue = this.queued.get(event.recipient)
      if (queue) queue.push(event)
      else this.queued.set(event.recipient, [event])
      if (!this.writing.has(event.recipient)) this.drain(event.recipient)
    }
  }

  private drain(recipient: string): void {
    const run = this.write(recipient).finally(() => {
      this.writing.delete(recipient)
      // Events queued while the connection was closing.
      if (this.queued.has(recipient)) this.drain(recipient)
    })
    this.writing.set(recipient, run)
  }

  private take(recipient: string): InboxEvent[] {
    const batch = this.queued.get(recipient) ?? []
    this.queued.delete(recipient)
    return batch
  }

  // One direct connection per run, taking batches until the queue is empty: opening and
  // closing one per batch races Hocuspocus' unload of the document it just closed.
  private async write(recipient: string): Promise<void> {
    const instance = this.instance
    if (!instance || !isValidId(recipient)) {
      this.take(recipient)
      return
    }
    const inbox = docName('inbox', recipient)
    let batch: InboxEvent[] = []
    try {
      const connection = await instance.openDirectConnection(inbox, { server: true })
      try {
        for (batch = this.take(recipient); batch.length > 0; batch = this.take(recipient)) {
          const events = batch
          await connection.transact((doc) => {
            const box = inboxDoc(doc)
            for (const event of events) box.add(event, ORIGIN.server)
          })
        }
      } finally {
        await connection.disconnect()
      }
    } catch (error) {
      // Forget them so the next change or load of the source document tries again.
      for (const event of [...batch, ...this.take(recipient)]) {
        this.delivered.delete(deliveryKey(event))
      }
      this.options.logger.error('notifications.write_failed', { doc: inbox, error })
    }
  }

  private remember(key: string): void {
    this.delivered.add(key)
    if (this.delivered.size > REMEMBERED) {
      const oldest = this.delivered.values().next().value
      if (oldest !== undefined) this.delivered.delete(oldest)
    }
  }
}

/**
 * True for a change another instance relayed over Redis: that instance notifies for it (it
 * knows the sender, so it can refuse forged authors), not every instance that has the document.
 */
function relayed(tr: Y.Transaction): boolean {
  return isOrigin(tr.origin, 'redis')
}

/** The key under which an event counts as delivered (recipient and notification). */
function deliveryKey(event: InboxEvent): string {
  return `${event.recipient}>${notificationId(event.kind, event.target)}`
}

/** The `id` of a comment or message map, else null. */
function idOf(value: unknown): string | null {
  return value instanceof Y.Map && typeof value.get('id') === 'string'
    ? (value.get('id') as string)
    : null
}

/** The ids of the comment or message maps an array event inserted. */
function addedIds(event: Y.YEvent<Y.AbstractType<unknown>>): string[] {
  const ids: string[] = []
  for (const item of event.changes.added) {
    for (const value of item.content.getContent()) {
      const id = idOf(value)
      if (id) ids.push(id)
    }
  }
  return ids
}

/**
 * Adds to `changed` the thread and comment ids an observeDeep event on the threads map touches:
 * a new thread (all its comments), new replies, or an edited comment.
 */
function collectCommentChanges(
  event: Y.YEvent<Y.AbstractType<unknown>>,
  changed: Map<string, Set<string>>,
): void {
  const add = (threadId: string, commentId: string): void => {
    let ids = changed.get(threadId)
    if (!ids) changed.set(threadId, (ids = new Set()))
    ids.add(commentId)
  }
  if (event.path.length === 0) {
    // The threads map itself: new threads.
    for (const threadId of event.changes.keys.keys()) {
      const thread = (event.target as Y.Map<unknown>).get(threadId)
      const comments = thread instanceof Y.Map ? thread.get('comments') : null
      if (comments instanceof Y.Array) {
        for (const comment of comments.toArray()) {
          const id = idOf(comment)
          if (id) add(threadId, id)
        }
      }
    }
    return
  }
  const threadId = String(event.path[0])
  if (event.target instanceof Y.Array) {
    for (const id of addedIds(event)) add(threadId, id)
  } else {
    const id = idOf(event.target)
    if (id && event.path.length >= 2) add(threadId, id)
  }
}
