import * as Y from 'yjs'
import { TandemError } from './errors.js'
import { migrate, type Migration } from './migrations.js'
import { parseDocName } from './names.js'
import { ORIGIN } from './origins.js'
import { checkPerson, readPerson, type Person } from './text.js'

/** Name of the map (notification id -> notification map) in an `inbox:<userId>` document. */
export const INBOX_NOTIFICATIONS = 'notifications'

export const INBOX_MIGRATIONS: readonly Migration[] = [
  { version: 1, up: (doc) => void doc.getMap(INBOX_NOTIFICATIONS) },
]

/** What a notification is about. */
export const NOTIFICATION_KINDS = ['mention', 'reply', 'share'] as const
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]

/** Where a notification leads: a document, and the comment or message in it. */
export interface NotificationTarget {
  /** The document name the event happened in (`doc:x`, `chat:x`, `board:x`, ...). */
  readonly doc: string
  readonly threadId?: string
  readonly commentId?: string
  readonly messageId?: string
}

/** One notification in a user's inbox. */
export interface Notification {
  readonly id: string
  readonly kind: NotificationKind
  readonly actor: Person
  readonly target: NotificationTarget
  /** A short plain-text excerpt of what was said. */
  readonly excerpt: string
  readonly created: number
  /** When the user read it, or null. */
  readonly read: number | null
}

const MAX_EXCERPT_LENGTH = 280

/**
 * The id of the notification for one event. Derived from the event, never random, so writing
 * the same event twice (a client retry, a server restart, another instance) finds it already
 * there: that is what makes delivery exactly once.
 */
export function notificationId(kind: NotificationKind, target: NotificationTarget): string {
  const parts = [kind, target.doc, target.threadId, target.commentId, target.messageId]
  return parts.map((part) => part ?? '').join('|')
}

function isKind(value: unknown): value is NotificationKind {
  return typeof value === 'string' && (NOTIFICATION_KINDS as readonly string[]).includes(value)
}

function readTarget(value: unknown): NotificationTarget | null {
  const t = value as Partial<NotificationTarget> | null
  if (typeof t?.doc !== 'string') return null
  const optional = (key: 'threadId' | 'commentId' | 'messageId'): object =>
    typeof t[key] === 'string' ? { [key]: t[key] } : {}
  return {
    doc: t.doc,
    ...optional('threadId'),
    ...optional('commentId'),
    ...optional('messageId'),
  }
}

function readNotification(id: string, value: unknown): Notification | null {
  if (!(value instanceof Y.Map)) return null
  const kind = value.get('kind')
  const target = readTarget(value.get('target'))
  if (!isKind(kind) || !target) return null
  const excerpt = value.get('excerpt')
  const created = value.get('created')
  const read = value.get('read')
  return {
    id,
    kind,
    actor: readPerson(value.get('actor')),
    target,
    excerpt: typeof excerpt === 'string' ? excerpt : '',
    created: typeof created === 'number' ? created : 0,
    read: typeof read === 'number' ? read : null,
  }
}

/**
 * Typed access to an `inbox:<userId>` document: that user's notifications. The server writes
 * them (`add`, with ids from {@link notificationId}); the user only marks them read.
 */
export class InboxDoc {
  readonly notifications: Y.Map<Y.Map<unknown>>
  constructor(readonly doc: Y.Doc) {
    this.notifications = doc.getMap(INBOX_NOTIFICATIONS)
  }

  /** Runs the inbox migrations (idempotent). */
  migrate(): number {
    return migrate(this.doc, INBOX_MIGRATIONS)
  }

  /** Every notification, newest first. */
  list(): Notification[] {
    const result: Notification[] = []
    this.notifications.forEach((value, id) => {
      const notification = readNotification(id, value)
      if (notification) result.push(notification)
    })
    return result.sort((a, b) => b.created - a.created || a.id.localeCompare(b.id))
  }

  /** One notification, or null. */
  get(id: string): Notification | null {
    return readNotification(id, this.notifications.get(id))
  }

  /** Number of notifications not read yet. */
  unreadCount(): number {
    let count = 0
    this.notifications.forEach((value, id) => {
      if (readNotification(id, value)?.read === null) count++
    })
    return count
  }

  /**
   * Adds the notification for an event unless it is already there; returns whether it was
   * added. `origin` tags the transaction (the server writes with `ORIGIN.server`).
   */
  add(
    input: {
      kind: NotificationKind
      actor: Person
      target: NotificationTarget
      excerpt: string
      created?: number
    },
    origin: string = ORIGIN.server,
  ): boolean {
    if (!isKind(input.kind)) {
      throw new TandemError('bad-request', `unknown notification kind: ${String(input.kind)}`)
    }
    const actor = checkPerson(input.actor)
    const target = readTarget(input.target)
    if (!target || !parseDocName(target.doc)) {
      throw new TandemError('invalid-document-name', 'notification target needs a document name')
    }
    const id = notificationId(input.kind, target)
    if (this.notifications.has(id)) return false
    this.doc.transact(() => {
      const notification = new Y.Map<unknown>()
      notification.set('kind', input.kind)
      notification.set('actor', actor)
      notification.set('target', target)
      notification.set('excerpt', String(input.excerpt ?? '').slice(0, MAX_EXCERPT_LENGTH))
      notification.set('created', input.created ?? Date.now())
      notification.set('read', null)
      this.notifications.set(id, notification)
    }, origin)
    return true
  }

  /** Marks one notification read (no-op when it already is). */
  markRead(id: string): void {
    const notification = this.notifications.get(id)
    if (!(notification instanceof Y.Map))
      throw new TandemError('not-found', `no notification ${id}`)
    if (typeof notification.get('read') === 'number') return
    this.doc.transact(() => notification.set('read', Date.now()), ORIGIN.local)
  }

  /** Marks every unread notification read, in one transaction. */
  markAllRead(): void {
    const now = Date.now()
    this.doc.transact(() => {
      this.notifications.forEach((notification) => {
        if (notification instanceof Y.Map && typeof notification.get('read') !== 'number') {
          notification.set('read', now)
        }
      })
    }, ORIGIN.local)
  }

  /** Calls `listener` after every change; returns the unsubscribe function. */
  observe(listener: () => void): () => void {
    const handler = (): void => listener()
    this.notifications.observeDeep(handler)
    return () => this.notifications.unobserveDeep(handler)
  }
}

/** Typed accessor over an `inbox:` Y.Doc. */
export function inboxDoc(doc: Y.Doc): InboxDoc {
  return new InboxDoc(doc)
}
