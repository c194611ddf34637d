import * as Y from 'yjs'
import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing'
import {
  checkShapeFields,
  isConnector,
  readShape,
  SHAPE_DEFAULTS,
  writeShapeFields,
  type Binding,
  type Shape,
  type ShapeFields,
  type ShapeInput,
} from './board-shape.js'
import { connectorEnds, type ConnectorEnds } from './board-geometry.js'
import { TandemError } from './errors.js'
import { migrate, type Migration } from './migrations.js'
import { isValidId, newId } from './names.js'
import { ORIGIN } from './origins.js'

/** Name of the map (shape id -> shape map) in a `board:` document. */
export const BOARD_SHAPES = 'shapes'

export const BOARD_MIGRATIONS: readonly Migration[] = [
  { version: 1, up: (doc) => void doc.getMap(BOARD_SHAPES) },
]

/** Paint order: ascending fractional index, ties (concurrent inserts) broken by id. */
export function compareShapes(a: Shape, b: Shape): number {
  if (a.z !== b.z) return a.z < b.z ? -1 : 1
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/**
 * Typed access to a `board:<id>` document. Each shape is its own Y.Map, so two people editing
 * different fields of one shape (one moves it, one recolours it) both keep their change, and two
 * moving it at once converge on one position (last writer per field). Z-order is a fractional
 * index per shape, so "bring to front" is one field write that merges with everything else.
 * Every write is one transaction tagged `ORIGIN.local` (see {@link createBoardUndoManager}).
 */
export class BoardDoc {
  readonly shapes: Y.Map<Y.Map<unknown>>
  constructor(readonly doc: Y.Doc) {
    this.shapes = doc.getMap(BOARD_SHAPES)
  }

  /** Runs the board migrations (idempotent; call once the local copy has loaded). */
  migrate(): number {
    return migrate(this.doc, BOARD_MIGRATIONS)
  }

  /** Every readable shape in paint order (bottom first). */
  list(): Shape[] {
    const result: Shape[] = []
    this.shapes.forEach((value, id) => {
      const shape = readShape(id, value)
      if (shape) result.push(shape)
    })
    return result.sort(compareShapes)
  }

  /** One shape, or null when missing or unreadable. */
  get(id: string): Shape | null {
    return readShape(id, this.shapes.get(id))
  }

  /** Adds a shape on top of the others and returns it. */
  add(input: ShapeInput & { id?: string }): Shape {
    return this.addMany([input])[0] as Shape
  }

  /** Adds shapes on top, in the given order, in one transaction. */
  addMany(inputs: readonly (ShapeInput & { id?: string })[]): Shape[] {
    const prepared = inputs.map(({ id = newId(), ...fields }) => {
      if (!isValidId(id)) throw new TandemError('bad-request', `invalid shape id: ${String(id)}`)
      if (this.shapes.has(id)) throw new TandemError('bad-request', `a shape with id ${id} exists`)
      checkShapeFields(fields)
      return { id, fields: { ...SHAPE_DEFAULTS, ...fields } }
    })
    const keys = generateNKeysBetween(this.topKey(), null, prepared.length)
    this.transact(() => {
      prepared.forEach(({ id, fields }, i) => {
        const map = new Y.Map<unknown>()
        this.shapes.set(id, map)
        writeShapeFields(map, fields)
        map.set('z', keys[i])
      })
    })
    return prepared.map(({ id }) => this.get(id) as Shape)
  }

  /**
   * Changes fields of existing shapes in one transaction. Shapes that are gone (deleted here or
   * by someone else meanwhile) are skipped: a move never resurrects a deleted shape.
   */
  update(
    patches: ReadonlyMap<string, Partial<ShapeFields>> | Record<string, Partial<ShapeFields>>,
  ): void {
    const entries = patches instanceof Map ? [...patches] : Object.entries(patches)
    for (const [, patch] of entries) checkShapeFields(patch)
    this.transact(() => {
      for (const [id, patch] of entries) {
        const map = this.shapes.get(id)
        if (map instanceof Y.Map) writeShapeFields(map, patch)
      }
    })
  }

  /**
   * Deletes shapes. Arrows bound to a deleted shape keep the end where it was drawn (their
   * binding is dropped), so they stay where the user last saw them.
   */
  delete(ids: Iterable<string>): void {
    const gone = new Set([...ids].filter((id) => this.shapes.has(id)))
    if (gone.size === 0) return
    this.transact(() => {
      for (const shape of this.list()) {
        if (!isConnector(shape.type) || gone.has(shape.id)) continue
        const startGone = shape.start !== null && gone.has(shape.start.shapeId)
        const endGone = shape.end !== null && gone.has(shape.end.shapeId)
        if (!startGone && !endGone) continue
        const ends = this.connectorEnds(shape)
        const map = this.shapes.get(shape.id) as Y.Map<unknown>
        writeShapeFields(map, {
          x: ends.x1,
          y: ends.y1,
          w: ends.x2 - ends.x1,
          h: ends.y2 - ends.y1,
        })
        if (startGone) map.set('start', null)
        if (endGone) map.set('end', null)
      }
      for (const id of gone) this.shapes.delete(id)
    })
  }

  /**
   * Makes the board hold exactly `shapes` (restoring a version): others are deleted, missing
   * ones recreated under their ids, and only the fields that differ are written, so a restore
   * is one ordinary change that merges with concurrent edits.
   */
  replaceAll(shapes: readonly Shape[]): void {
    const wanted = new Map(shapes.map((shape) => [shape.id, shape]))
    this.transact(() => {
      for (const id of [...this.shapes.keys()]) if (!wanted.has(id)) this.shapes.delete(id)
      for (const { id, ...fields } of wanted.values()) {
        let map = this.shapes.get(id)
        if (!(map instanceof Y.Map)) {
          map = new Y.Map<unknown>()
          this.shapes.set(id, map)
        }
        const target = map
        const changed = Object.entries(fields).filter(
          ([key, value]) => JSON.stringify(target.get(key)) !== JSON.stringify(value),
        )
        writeShapeFields(target, Object.fromEntries(changed) as Partial<ShapeFields>)
        if (target.get('z') !== fields.z) target.set('z', fields.z)
      }
    })
  }

  /** Copies shapes (offset by `dx, dy`) on top of everything; returns the copies' ids. */
  duplicate(ids: Iterable<string>, dx = 16, dy = 16): string[] {
    const wanted = new Set(ids)
    const originals = this.list().filter((shape) => wanted.has(shape.id))
    const copyId = new Map(originals.map((shape) => [shape.id, newId()]))
    // Bindings between copied shapes point at the copies; bindings to others are kept.
    const rebind = (binding: Binding | null): Binding | null =>
      binding && { ...binding, shapeId: copyId.get(binding.shapeId) ?? binding.shapeId }
    const copies = originals.map(({ id, z: _z, ...fields }) => ({
      ...fields,
      id: copyId.get(id) as string,
      x: fields.x + dx,
      y: fields.y + dy,
      start: rebind(fields.start),
      end: rebind(fields.end),
    }))
    return this.addMany(copies).map((shape) => shape.id)
  }

  /** Puts shapes above every other, keeping their order among themselves. */
  bringToFront(ids: Iterable<string>): void {
    this.restack(ids, (others) => [others.at(-1)?.z ?? null, null])
  }

  /** Puts shapes below every other, keeping their order among themselves. */
  sendToBack(ids: Iterable<string>): void {
    this.restack(ids, (others) => [null, others[0]?.z ?? null])
  }

  /** Where an arrow's or line's ends are now: bound ends follow their shape, if it exists. */
  connectorEnds(
    shape: Shape,
    lookup: (id: string) => Shape | null = (id) => this.get(id),
  ): ConnectorEnds {
    return connectorEnds(shape, lookup)
  }

  /** Runs `fn` in one transaction tagged `ORIGIN.local` (one undo step). */
  transact(fn: () => void): void {
    this.doc.transact(fn, ORIGIN.local)
  }

  /**
   * Calls `listener` after each transaction that changed shapes, with the ids of the shapes
   * added, changed or deleted; returns the unsubscribe function.
   */
  observe(listener: (changed: ReadonlySet<string>, origin: unknown) => void): () => void {
    const handler = (events: Y.YEvent<Y.AbstractType<unknown>>[], tr: Y.Transaction): void => {
      const changed = new Set<string>()
      for (const event of events) {
        if (event.target === this.shapes) {
          for (const key of event.changes.keys.keys()) changed.add(key)
        } else {
          const id = event.path[0]
          if (typeof id === 'string') changed.add(id)
        }
      }
      if (changed.size > 0) listener(changed, tr.origin)
    }
    this.shapes.observeDeep(handler)
    return () => this.shapes.unobserveDeep(handler)
  }

  private restack(
    ids: Iterable<string>,
    bounds: (others: Shape[]) => [string | null, string | null],
  ): void {
    const moving = new Set(ids)
    const all = this.list()
    const chosen = all.filter((shape) => moving.has(shape.id))
    if (chosen.length === 0) return
    const [below, above] = bounds(all.filter((shape) => !moving.has(shape.id)))
    const keys = generateNKeysBetween(below, above, chosen.length)
    this.transact(() => chosen.forEach((shape, i) => this.shapes.get(shape.id)?.set('z', keys[i])))
  }

  private topKey(): string | null {
    let top: string | null = null
    this.shapes.forEach((value, id) => {
      const shape = readShape(id, value)
      if (shape && (top === null || shape.z > top)) top = shape.z
    })
    if (top === null) return null
    // A key a broken client wrote (readShape only checks its alphabet) must not block adding.
    try {
      generateKeyBetween(top, null)
      return top
    } catch {
      return generateKeyBetween(null, null)
    }
  }
}

/**
 * An undo manager over the board that only tracks this user's own changes (`ORIGIN.local`), so
 * undo never takes back what someone else did. `captureTimeout` merges a drag into one step.
 */
export function createBoardUndoManager(
  board: BoardDoc,
  options: { captureTimeout?: number } = {},
): Y.UndoManager {
  return new Y.UndoManager(board.shapes, {
    trackedOrigins: new Set([ORIGIN.local]),
    captureTimeout: options.captureTimeout ?? 500,
  })
}

/** Typed accessor over a `board:` Y.Doc. */
export function boardDoc(doc: Y.Doc): BoardDoc {
  return new BoardDoc(doc)
}
