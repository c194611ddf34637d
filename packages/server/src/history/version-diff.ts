import * as Y from 'yjs'
import { CONTENT_FIELD } from '@tandem/schema'
import type { Author, AuthorSpan } from './version-store.js'

/** How a piece of text changed between a version and the current document. */
export type Change = 'same' | 'added' | 'removed'

/** A run of text with one change and one author (null: unchanged, or made by an unknown origin). */
export interface DiffSpan {
  text: string
  change: Change
  author: Author | null
}

/** One text block (paragraph, heading, list item's paragraph, cell) of the diff. */
export interface DiffBlock {
  /** Node name (`paragraph`, `heading`, ...). */
  type: string
  change: Change | 'changed'
  spans: DiffSpan[]
}

/** Who added and removed how many characters. */
export interface AuthorChanges {
  author: Author | null
  added: number
  removed: number
}

/** What {@link diffVersion} answers. */
export interface VersionDiff {
  blocks: DiffBlock[]
  authors: AuthorChanges[]
}

/**
 * The changes from a version to the current document, in document order, naming who added and
 * who removed each piece of text. Both states are merged into one document that keeps deleted
 * content (gc off): text created after the version is "added", text the version had and the
 * current state deleted is "removed". Authors come from the recorder's author spans.
 */
export function diffVersion(
  versionState: Uint8Array,
  current: Y.Doc,
  spans: readonly AuthorSpan[],
): VersionDiff {
  const then = new Y.Doc()
  Y.applyUpdate(then, versionState)
  const thenVector = Y.decodeStateVector(Y.encodeStateVector(then))
  const thenDeleted = Y.createDeleteSetFromStructStore(then.store)
  const merged = new Y.Doc({ gc: false })
  Y.applyUpdate(merged, versionState)
  Y.applyUpdate(merged, Y.encodeStateAsUpdate(current))
  const lookup = new SpanLookup(spans)

  const changeOf = (client: number, clock: number, deletedNow: boolean): Change | null => {
    const existed = clock < (thenVector.get(client) ?? 0)
    if (!existed) return deletedNow ? null : 'added'
    if (Y.isDeleted(thenDeleted, { client, clock } as Y.ID)) return null
    return deletedNow ? 'removed' : 'same'
  }

  const blocks: DiffBlock[] = []
  const walk = (type: Y.XmlFragment | Y.XmlElement): void => {
    for (let item = type._start; item; item = item.right) {
      if (!(item.content instanceof Y.ContentType)) continue
      const child = item.content.type
      if (!(child instanceof Y.XmlElement)) continue
      if (isTextBlock(child)) {
        const block = textBlock(child, item, changeOf, lookup)
        if (block) blocks.push(block)
      } else walk(child)
    }
  }
  walk(merged.getXmlFragment(CONTENT_FIELD))
  return { blocks, authors: summarise(blocks) }
}

function isTextBlock(element: Y.XmlElement): boolean {
  let hasChildren = false
  for (let item = element._start; item; item = item.right) {
    if (item.content instanceof Y.ContentType) {
      hasChildren = true
      if (item.content.type instanceof Y.XmlText) return true
    }
  }
  return !hasChildren
}

function textBlock(
  element: Y.XmlElement,
  elementItem: Y.Item,
  changeOf: (client: number, clock: number, deletedNow: boolean) => Change | null,
  lookup: SpanLookup,
): DiffBlock | null {
  const own = changeOf(elementItem.id.client, elementItem.id.clock, elementItem.deleted)
  if (own === null) return null
  const spans: DiffSpan[] = []
  const add = (text: string, change: Change, author: Author | null): void => {
    const last = spans[spans.length - 1]
    if (last && last.change === change && last.author?.id === author?.id) last.text += text
    else spans.push({ text, change, author })
  }
  for (let part = element._start; part; part = part.right) {
    if (!(part.content instanceof Y.ContentType) || !(part.content.type instanceof Y.XmlText))
      continue
    for (let item = part.content.type._start; item; item = item.right) {
      if (!(item.content instanceof Y.ContentString)) continue
      const { client, clock } = item.id
      const chars = [...item.content.str]
      // Per UTF-16 unit, as Yjs counts clocks; surrogate pairs stay together in one span.
      let offset = 0
      for (const char of chars) {
        const change = changeOf(client, clock + offset, item.deleted)
        if (change !== null) {
          const author =
            change === 'added'
              ? lookup.find('insert', client, clock + offset)
              : change === 'removed'
                ? lookup.find('delete', client, clock + offset)
                : null
          add(char, change, author)
        }
        offset += char.length
      }
    }
  }
  const changes = new Set(spans.map((s) => s.change))
  const change: DiffBlock['change'] =
    spans.length === 0 ? own : changes.size === 1 ? (spans[0] as DiffSpan).change : 'changed'
  return { type: element.nodeName, change, spans }
}

function summarise(blocks: readonly DiffBlock[]): AuthorChanges[] {
  const byAuthor = new Map<string, AuthorChanges>()
  for (const span of blocks.flatMap((b) => b.spans)) {
    if (span.change === 'same') continue
    const key = span.author?.id ?? ''
    let entry = byAuthor.get(key)
    if (!entry) byAuthor.set(key, (entry = { author: span.author, added: 0, removed: 0 }))
    entry[span.change] += span.text.length
  }
  return [...byAuthor.values()]
}

/** Author spans per (kind, client), sorted by clock, for binary search. */
export class SpanLookup {
  private readonly index = new Map<string, AuthorSpan[]>()

  constructor(spans: readonly AuthorSpan[]) {
    for (const span of spans) {
      const key = `${span.kind}:${span.client}`
      let list = this.index.get(key)
      if (!list) this.index.set(key, (list = []))
      list.push(span)
    }
    for (const list of this.index.values()) list.sort((a, b) => a.clock - b.clock)
  }

  find(kind: AuthorSpan['kind'], client: number, clock: number): Author | null {
    const list = this.index.get(`${kind}:${client}`)
    if (!list) return null
    let lo = 0
    let hi = list.length - 1
    let found: AuthorSpan | undefined
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const span = list[mid] as AuthorSpan
      if (span.clock <= clock) {
        found = span
        lo = mid + 1
      } else hi = mid - 1
    }
    // The latest span starting at or before `clock` that covers it (later spans win: a
    // deletion range can be recorded twice, e.g. by a repeated update).
    return found && clock < found.clock + found.len ? found.author : null
  }
}
