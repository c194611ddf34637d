import * as Y from 'yjs'
import { BOARD_SHAPES, boardDoc, type Shape, type ShapeType } from '@tandem/schema'
import { SpanLookup } from './version-diff.js'
import type { Author, AuthorSpan } from './version-store.js'

/** How one shape changed between a board version and the current board. */
export interface ShapeChange {
  id: string
  type: ShapeType
  change: 'added' | 'removed' | 'changed'
  /** Who added, removed or last changed it (null: unknown origin). */
  author: Author | null
}

/** Who added, removed and changed how many shapes. */
export interface BoardAuthorChanges {
  author: Author | null
  added: number
  removed: number
  changed: number
}

/** What {@link diffBoard} answers. */
export interface BoardDiff {
  /** The version's shapes in paint order (to draw the preview). */
  shapes: Shape[]
  /** Shapes added, removed or changed since the version, in the version's then current order. */
  changes: ShapeChange[]
  authors: BoardAuthorChanges[]
}

/**
 * The changes from a board version to the current board, shape by shape, with authors from
 * the recorder's spans: an added shape by who inserted its map entry, a removed one by who
 * deleted the version's entry, a changed one by who wrote its newest differing field.
 */
export function diffBoard(
  versionState: Uint8Array,
  current: Y.Doc,
  spans: readonly AuthorSpan[],
): BoardDiff {
  const then = new Y.Doc()
  Y.applyUpdate(then, versionState)
  const thenVector = Y.decodeStateVector(Y.encodeStateVector(then))
  const lookup = new SpanLookup(spans)
  const thenShapes = boardDoc(then).list()
  const nowShapes = boardDoc(current).list()
  const thenById = new Map(thenShapes.map((s) => [s.id, s]))
  const nowById = new Map(nowShapes.map((s) => [s.id, s]))
  const entry = (doc: Y.Doc, id: string): Y.Item | undefined =>
    doc.getMap(BOARD_SHAPES)._map.get(id)

  const changes: ShapeChange[] = []
  for (const shape of thenShapes) {
    if (nowById.has(shape.id)) continue
    const item = entry(then, shape.id)
    const author = item ? lookup.find('delete', item.id.client, item.id.clock) : null
    changes.push({ id: shape.id, type: shape.type, change: 'removed', author })
  }
  for (const shape of nowShapes) {
    const before = thenById.get(shape.id)
    if (!before) {
      const item = entry(current, shape.id)
      const author = item ? lookup.find('insert', item.id.client, item.id.clock) : null
      changes.push({ id: shape.id, type: shape.type, change: 'added', author })
    } else if (JSON.stringify(before) !== JSON.stringify(shape)) {
      const map = current.getMap(BOARD_SHAPES).get(shape.id)
      let author: Author | null = null
      if (map instanceof Y.Map) {
        // A field written after the version names who changed the shape.
        for (const item of (map as Y.Map<unknown>)._map.values()) {
          const { client, clock } = item.id
          if (clock < (thenVector.get(client) ?? 0)) continue
          author = lookup.find('insert', client, clock) ?? author
        }
      }
      changes.push({ id: shape.id, type: shape.type, change: 'changed', author })
    }
  }
  return { shapes: thenShapes, changes, authors: summarise(changes) }
}

function summarise(changes: readonly ShapeChange[]): BoardAuthorChanges[] {
  const byAuthor = new Map<string, BoardAuthorChanges>()
  for (const change of changes) {
    const key = change.author?.id ?? ''
    let entry = byAuthor.get(key)
    if (!entry) {
      entry = { author: change.author, added: 0, removed: 0, changed: 0 }
      byAuthor.set(key, entry)
    }
    entry[change.change]++
  }
  return [...byAuthor.values()]
}
