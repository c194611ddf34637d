import * as Y from 'yjs'
import { TandemError } from './errors.js'
import { migrate, type Migration } from './migrations.js'
import { newId } from './names.js'
import { ORIGIN } from './origins.js'
import {
  checkBody,
  checkPerson,
  deletePost,
  editPost,
  newPost,
  ownPost,
  readPerson,
  readPost,
  type Person,
  type Post,
} from './text.js'

/** Name of the map (thread id -> thread map) in a `comments:<id>` document. */
export const COMMENT_THREADS = 'threads'

export const COMMENTS_MIGRATIONS: readonly Migration[] = [
  { version: 1, up: (doc) => void doc.getMap(COMMENT_THREADS) },
]

/** Longest quoted text kept with a thread (what it was anchored to, shown once detached). */
const MAX_QUOTE_LENGTH = 500

/** One comment of a thread (the first is the thread's opening comment). */
export type Comment = Post

/** A comment thread on a span of the document's text. */
export interface CommentThread {
  readonly id: string
  /** Encoded Yjs relative positions of the span's start and end in the `doc:` document. */
  readonly anchor: { readonly start: Uint8Array; readonly end: Uint8Array } | null
  /** The anchored text when the thread was made. */
  readonly quote: string
  readonly created: number
  readonly createdBy: Person
  /** Who resolved it and when, or null while open. */
  readonly resolved: { readonly by: Person; readonly at: number } | null
  readonly comments: readonly Comment[]
}

/** Where a thread's anchor is now: a type of the document and a range of indices in it. */
export interface ResolvedAnchor {
  readonly start: { readonly type: Y.AbstractType<unknown>; readonly index: number }
  readonly end: { readonly type: Y.AbstractType<unknown>; readonly index: number }
}

function readThread(id: string, value: unknown): CommentThread | null {
  if (!(value instanceof Y.Map)) return null
  const start = value.get('anchorStart')
  const end = value.get('anchorEnd')
  const comments = value.get('comments')
  const resolvedAt = value.get('resolvedAt')
  const created = value.get('created')
  const quote = value.get('quote')
  return {
    id,
    anchor: start instanceof Uint8Array && end instanceof Uint8Array ? { start, end } : null,
    quote: typeof quote === 'string' ? quote : '',
    created: typeof created === 'number' ? created : 0,
    createdBy: readPerson(value.get('createdBy')),
    resolved:
      typeof resolvedAt === 'number'
        ? { by: readPerson(value.get('resolvedBy')), at: resolvedAt }
        : null,
    comments:
      comments instanceof Y.Array ? comments.toArray().flatMap((c) => readPost(c) ?? []) : [],
  }
}

/**
 * Typed access to a `comments:<id>` document: the threads on `doc:<id>`. Each thread and each
 * comment is its own Y.Map, and a thread's comments a Y.Array, so concurrent replies keep one
 * order on every replica and a concurrent edit and resolve both survive. Anchors are Yjs
 * relative positions into the rich text, so a thread stays on its text while others edit
 * around it; when that text is deleted the thread is detached, never lost.
 */
export class CommentsDoc {
  readonly threads: Y.Map<Y.Map<unknown>>
  constructor(readonly doc: Y.Doc) {
    this.threads = doc.getMap(COMMENT_THREADS)
  }

  /** Runs the comments migrations (idempotent). */
  migrate(): number {
    return migrate(this.doc, COMMENTS_MIGRATIONS)
  }

  /** Every thread in creation order; resolved ones only when `includeResolved`. */
  list(options: { includeResolved?: boolean } = {}): CommentThread[] {
    const result: CommentThread[] = []
    this.threads.forEach((value, id) => {
      const thread = readThread(id, value)
      if (!thread || (thread.resolved && !options.includeResolved)) return
      result.push(thread)
    })
    return result.sort((a, b) => a.created - b.created || a.id.localeCompare(b.id))
  }

  /** One thread, or null. */
  get(threadId: string): CommentThread | null {
    return readThread(threadId, this.threads.get(threadId))
  }

  /**
   * Opens a thread on a span. `anchor` holds relative positions into the `doc:` document
   * (`Y.createRelativePositionFromTypeIndex`, or y-prosemirror's
   * `absolutePositionToRelativePosition` in the editor).
   */
  createThread(input: {
    anchor: { start: Y.RelativePosition | Uint8Array; end: Y.RelativePosition | Uint8Array }
    quote: string
    author: Person
    body: string
    id?: string
  }): CommentThread {
    const author = checkPerson(input.author)
    const body = checkBody(input.body)
    const encode = (pos: Y.RelativePosition | Uint8Array): Uint8Array =>
      pos instanceof Uint8Array ? pos : Y.encodeRelativePosition(pos)
    const id = input.id ?? newId()
    if (this.threads.has(id)) throw new TandemError('bad-request', `a thread with id ${id} exists`)
    const now = Date.now()
    this.doc.transact(() => {
      const thread = new Y.Map<unknown>()
      thread.set('anchorStart', encode(input.anchor.start))
      thread.set('anchorEnd', encode(input.anchor.end))
      thread.set('quote', String(input.quote ?? '').slice(0, MAX_QUOTE_LENGTH))
      thread.set('created', now)
      thread.set('createdBy', author)
      thread.set('resolvedAt', null)
      const comments = new Y.Array<Y.Map<unknown>>()
      comments.push([newPost(newId(), author, body, now)])
      thread.set('comments', comments)
      this.threads.set(id, thread)
    }, ORIGIN.local)
    return this.get(id) as CommentThread
  }

  /** Adds a reply at the end of a thread and returns it. */
  reply(threadId: string, input: { author: Person; body: string }): Comment {
    const author = checkPerson(input.author)
    const body = checkBody(input.body)
    const comment = newPost(newId(), author, body, Date.now())
    this.doc.transact(() => this.commentsOf(threadId).push([comment]), ORIGIN.local)
    return readPost(comment) as Comment
  }

  /** Changes the body of one's own comment. */
  edit(threadId: string, commentId: string, userId: string, body: string): void {
    const clean = checkBody(body)
    editPost(this.doc, this.ownComment(threadId, commentId, userId), clean)
  }

  /** Deletes one's own comment (a tombstone: the thread and its other comments stay). */
  delete(threadId: string, commentId: string, userId: string): void {
    deletePost(this.doc, this.ownComment(threadId, commentId, userId))
  }

  /** Marks a thread resolved by `by`. */
  resolve(threadId: string, by: Person): void {
    const person = checkPerson(by)
    const thread = this.thread(threadId)
    this.doc.transact(() => {
      thread.set('resolvedAt', Date.now())
      thread.set('resolvedBy', person)
    }, ORIGIN.local)
  }

  /** Reopens a resolved thread. */
  reopen(threadId: string): void {
    const thread = this.thread(threadId)
    this.doc.transact(() => thread.set('resolvedAt', null), ORIGIN.local)
  }

  /** Calls `listener` after every change to any thread; returns the unsubscribe function. */
  observe(listener: () => void): () => void {
    const handler = (): void => listener()
    this.threads.observeDeep(handler)
    return () => this.threads.unobserveDeep(handler)
  }

  private thread(threadId: string): Y.Map<unknown> {
    const thread = this.threads.get(threadId)
    if (!(thread instanceof Y.Map)) throw new TandemError('not-found', `no thread ${threadId}`)
    return thread
  }

  private commentsOf(threadId: string): Y.Array<Y.Map<unknown>> {
    const comments = this.thread(threadId).get('comments')
    if (!(comments instanceof Y.Array)) {
      throw new TandemError('not-found', `thread ${threadId} has no comments`)
    }
    return comments as Y.Array<Y.Map<unknown>>
  }

  private ownComment(threadId: string, commentId: string, userId: string): Y.Map<unknown> {
    const comment = this.commentsOf(threadId)
      .toArray()
      .find((c) => c instanceof Y.Map && c.get('id') === commentId)
    return ownPost(comment, userId, 'comment', commentId)
  }
}

/**
 * Where a thread's anchor lies in `contentDoc` (the `doc:` Y.Doc) now, or null when it is
 * detached: its text was deleted (the span collapsed) or it was never in this document.
 */
export function resolveAnchor(thread: CommentThread, contentDoc: Y.Doc): ResolvedAnchor | null {
  if (!thread.anchor) return null
  const start = Y.createAbsolutePositionFromRelativePosition(
    Y.decodeRelativePosition(thread.anchor.start),
    contentDoc,
  )
  const end = Y.createAbsolutePositionFromRelativePosition(
    Y.decodeRelativePosition(thread.anchor.end),
    contentDoc,
  )
  if (!start || !end) return null
  if (start.type === end.type && start.index >= end.index) return null
  return {
    start: { type: start.type, index: start.index },
    end: { type: end.type, index: end.index },
  }
}

/** Typed accessor over a `comments:` Y.Doc. */
export function commentsDoc(doc: Y.Doc): CommentsDoc {
  return new CommentsDoc(doc)
}
