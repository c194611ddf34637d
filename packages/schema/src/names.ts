import { TandemError } from './errors.js'

/** Every kind of shared document, in the order ARCHITECTURE.md lists them. */
export const DOC_KINDS = ['workspace', 'doc', 'comments', 'chat', 'board', 'inbox'] as const

/** A kind of shared document: the part of a document name before the colon. */
export type DocKind = (typeof DOC_KINDS)[number]

/** A parsed, valid document name `<kind>:<id>`. */
export interface DocName {
  readonly kind: DocKind
  readonly id: string
  /** The full name, `<kind>:<id>`. */
  readonly name: string
}

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/
const KINDS: ReadonlySet<string> = new Set(DOC_KINDS)

/** True when `id` matches `[A-Za-z0-9_-]{1,64}`. */
export function isValidId(id: unknown): id is string {
  return typeof id === 'string' && ID_PATTERN.test(id)
}

/** True when `kind` is one of {@link DOC_KINDS}. */
export function isDocKind(kind: unknown): kind is DocKind {
  return typeof kind === 'string' && KINDS.has(kind)
}

/** Parses `<kind>:<id>`; returns null for anything else (unknown kind, bad id, not a string). */
export function parseDocName(name: unknown): DocName | null {
  if (typeof name !== 'string' || name.length > 80) return null
  const colon = name.indexOf(':')
  if (colon < 0) return null
  const kind = name.slice(0, colon)
  const id = name.slice(colon + 1)
  if (!isDocKind(kind) || !isValidId(id)) return null
  return { kind, id, name }
}

/** Builds a document name; throws a TandemError (`invalid-document-name`) for a bad kind or id. */
export function docName(kind: DocKind, id: string): string {
  if (!isDocKind(kind) || !isValidId(id)) {
    throw new TandemError(
      'invalid-document-name',
      `not a valid document name: ${String(kind)}:${String(id)}`,
    )
  }
  return `${kind}:${id}`
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'

/** A new random id (16 url-safe characters, 96 bits) from the platform's crypto source. */
export function newId(length = 16): string {
  const bytes = new Uint8Array(length)
  globalThis.crypto.getRandomValues(bytes)
  let id = ''
  for (const byte of bytes) id += ALPHABET[byte & 63]
  return id
}
