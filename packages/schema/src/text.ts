import * as Y from 'yjs'
import { TandemError } from './errors.js'
import { ORIGIN } from './origins.js'

/** Longest comment or chat message body accepted; longer input is refused, not cut. */
export const MAX_MESSAGE_LENGTH = 10_000

/** A person as stored next to what they wrote (the name is kept for offline display). */
export interface Person {
  readonly id: string
  readonly name: string
}

/** One piece of a comment or message body, for rendering as text nodes (never as HTML). */
export type TextSegment =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'link'; readonly text: string; readonly href: string }
  | { readonly type: 'mention'; readonly userId: string }

// Mentions are stored as `<@userId>` (Slack's form): the body keeps who was meant even when
// the person renames themselves, and a plain "@Ada" someone typed stays plain text.
const MENTION = /<@([A-Za-z0-9_-]{1,64})>/g
// A URL runs to the next whitespace; trailing punctuation is sentence, not URL.
const URL_TOKEN = /\b(?:https?:\/\/|mailto:)[^\s<>"]+/gi
const TRAILING_PUNCTUATION = /[.,;:!?)\]}'"]+$/

/** The mention token for `userId` to put in a body (`<@userId>`). */
export function mentionToken(userId: string): string {
  return `<@${userId}>`
}

/** User ids mentioned in `body`, each once, in order of first mention. */
export function parseMentions(body: string): string[] {
  const ids = new Set<string>()
  for (const match of body.matchAll(MENTION)) if (match[1]) ids.add(match[1])
  return [...ids]
}

/**
 * The URL as a safe link target, or null: only http(s) and mailto, parsed and re-serialised,
 * so `javascript:`, `data:` and look-alikes never become links.
 */
export function safeUrl(raw: string): string | null {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return null // not a URL: rendered as the text it is
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:' && url.protocol !== 'mailto:') {
    return null
  }
  return url.href
}

/** Splits a body into text, safe links and mentions; the renderer emits text nodes only. */
export function segmentText(body: string): TextSegment[] {
  const segments: TextSegment[] = []
  const pushText = (text: string): void => {
    if (!text) return
    const last = segments.at(-1)
    if (last?.type === 'text')
      segments[segments.length - 1] = { type: 'text', text: last.text + text }
    else segments.push({ type: 'text', text })
  }
  const tokens = [...body.matchAll(MENTION), ...body.matchAll(URL_TOKEN)].sort(
    (a, b) => (a.index ?? 0) - (b.index ?? 0),
  )
  let at = 0
  for (const token of tokens) {
    const start = token.index ?? 0
    if (start < at) continue // inside an earlier token
    pushText(body.slice(at, start))
    if (token[0].startsWith('<@') && token[1]) {
      segments.push({ type: 'mention', userId: token[1] })
      at = start + token[0].length
      continue
    }
    const text = token[0].replace(TRAILING_PUNCTUATION, '')
    const href = safeUrl(text)
    if (href) segments.push({ type: 'link', text, href })
    else pushText(text)
    at = start + text.length
  }
  pushText(body.slice(at))
  return segments
}

/** Validates a comment or message body: a non-empty string of at most {@link MAX_MESSAGE_LENGTH}. */
export function checkBody(body: unknown): string {
  if (typeof body !== 'string') throw new TandemError('bad-request', 'body must be a string')
  const trimmed = body.trim()
  if (!trimmed) throw new TandemError('bad-request', 'body is empty')
  if (trimmed.length > MAX_MESSAGE_LENGTH) {
    throw new TandemError('bad-request', `body longer than ${MAX_MESSAGE_LENGTH} characters`)
  }
  return trimmed
}

/** Validates a person (author, actor): a valid id and a name. */
export function checkPerson(person: unknown): Person {
  const p = person as Partial<Person> | null
  if (!p || typeof p.id !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(p.id)) {
    throw new TandemError('bad-request', 'person needs an id matching [A-Za-z0-9_-]{1,64}')
  }
  if (typeof p.name !== 'string') throw new TandemError('bad-request', 'person needs a name')
  return { id: p.id, name: p.name.trim().slice(0, 100) }
}

/** Reads a stored person back (tolerant: a malformed value from another client reads as unknown). */
export function readPerson(value: unknown): Person {
  const p = value as Partial<Person> | null
  return {
    id: typeof p?.id === 'string' ? p.id : '',
    name: typeof p?.name === 'string' ? p.name : 'Unknown',
  }
}

/** The fields a comment and a chat message share, as stored in their Y.Map. */
export interface Post {
  readonly id: string
  readonly author: Person
  /** The text, '' once deleted. Mentions are `<@userId>` tokens (see segmentText). */
  readonly body: string
  readonly created: number
  /** Last edit time in ms, or null. */
  readonly edited: number | null
  /** Deleted posts stay as tombstones so what follows keeps its place. */
  readonly deleted: boolean
}

/** Reads a comment or message map (tolerant: malformed data from another client reads as null). */
export function readPost(value: unknown): Post | null {
  if (!(value instanceof Y.Map)) return null
  const get = (key: string): unknown => value.get(key)
  const id = get('id')
  if (typeof id !== 'string') return null
  const body = get('body')
  const created = get('created')
  const edited = get('edited')
  const deleted = get('deleted') === true
  return {
    id,
    author: readPerson(get('author')),
    body: deleted || typeof body !== 'string' ? '' : body,
    created: typeof created === 'number' ? created : 0,
    edited: typeof edited === 'number' ? edited : null,
    deleted,
  }
}

/** A new post map (a comment or a chat message) as `author` wrote it. */
export function newPost(id: string, author: Person, body: string, now: number): Y.Map<unknown> {
  const post = new Y.Map<unknown>()
  post.set('id', id)
  post.set('author', author)
  post.set('body', body)
  post.set('created', now)
  post.set('edited', null)
  post.set('deleted', false)
  return post
}

/**
 * `post` when `userId` wrote it and it is not deleted (only authors change their words);
 * throws `not-found` or `forbidden` naming `what` it is otherwise.
 */
export function ownPost(
  post: unknown,
  userId: string,
  what: 'comment' | 'message',
  id: string,
): Y.Map<unknown> {
  if (!(post instanceof Y.Map)) throw new TandemError('not-found', `no ${what} ${id}`)
  if (readPerson(post.get('author')).id !== userId) {
    throw new TandemError('forbidden', `only the author may change a ${what}`)
  }
  if (post.get('deleted') === true) throw new TandemError('not-found', `${what} deleted`)
  return post
}

/** Replaces a post's body (already checked) and stamps the edit, as a local change. */
export function editPost(doc: Y.Doc, post: Y.Map<unknown>, body: string): void {
  doc.transact(() => {
    post.set('body', body)
    post.set('edited', Date.now())
  }, ORIGIN.local)
}

/** Deletes a post as a tombstone (it keeps its place, its text is gone), as a local change. */
export function deletePost(doc: Y.Doc, post: Y.Map<unknown>): void {
  doc.transact(() => {
    post.set('deleted', true)
    post.set('body', '')
  }, ORIGIN.local)
}
