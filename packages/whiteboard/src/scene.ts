import { compareShapes, isConnector, type BoardDoc, type Shape } from '@tandem/schema'
import { inflate, intersects, shapeBounds, type Box } from './geometry.js'

/** How far a shape's paint reaches beyond its bounds: strokes, arrow heads, freehand outlines. */
function paintBounds(shape: Shape, lookup: (id: string) => Shape | null): Box {
  return inflate(shapeBounds(shape, lookup), 14 + shape.strokeWidth * 3)
}

/**
 * The board's shapes as plain objects, in paint order, kept up to date from the Y.Doc one
 * changed shape at a time: a peer dragging one shape among 5,000 re-reads one Y.Map per
 * transaction, and the order is re-sorted only when a shape is added, removed or restacked.
 * Each change reports the board areas whose pixels changed (before and after, arrows bound to a
 * changed shape included), so the painter repaints only those.
 */
export class Scene {
  private readonly byId = new Map<string, Shape>()
  private ordered: Shape[] = []
  private orderStale = true
  private readonly listeners = new Set<(dirty: readonly Box[]) => void>()
  private readonly off: () => void

  constructor(readonly board: BoardDoc) {
    for (const shape of board.list()) this.byId.set(shape.id, shape)
    this.off = board.observe((changed) => this.apply(changed))
  }

  /** The shape with `id`, or null. */
  readonly get = (id: string): Shape | null => this.byId.get(id) ?? null

  /** Every shape, bottom first. */
  shapes(): readonly Shape[] {
    if (this.orderStale) {
      this.ordered = [...this.byId.values()].sort(compareShapes)
      this.orderStale = false
    }
    return this.ordered
  }

  /** Shapes whose painted area meets `view`, bottom first (viewport culling). */
  visible(view: Box): Shape[] {
    return this.shapes().filter((shape) => intersects(paintBounds(shape, this.get), view))
  }

  /** The area a shape's pixels may cover: its bounds plus stroke, arrow head and outline. */
  paintBounds(shape: Shape): Box {
    return paintBounds(shape, this.get)
  }

  /** Number of shapes. */
  get size(): number {
    return this.byId.size
  }

  /** Calls `listener` with the changed areas after every change; returns the unsubscribe function. */
  subscribe(listener: (dirty: readonly Box[]) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Stops following the document. */
  destroy(): void {
    this.off()
    this.listeners.clear()
  }

  private apply(changed: ReadonlySet<string>): void {
    // Arrows bound to a changed shape move with it without changing themselves.
    const followers = [...this.byId.values()].filter(
      (shape) =>
        isConnector(shape.type) &&
        !changed.has(shape.id) &&
        ((shape.start && changed.has(shape.start.shapeId)) ||
          (shape.end && changed.has(shape.end.shapeId))),
    )
    const dirty: Box[] = []
    const mark = (shape: Shape | null | undefined): void => {
      if (shape) dirty.push(paintBounds(shape, this.get))
    }
    for (const id of changed) mark(this.byId.get(id))
    followers.forEach(mark)
    for (const id of changed) {
      const before = this.byId.get(id)
      const after = this.board.get(id)
      if (after) this.byId.set(id, after)
      else this.byId.delete(id)
      if (!before || !after || before.z !== after.z) this.orderStale = true
    }
    for (const id of changed) mark(this.byId.get(id))
    followers.forEach(mark)
    if (!this.orderStale) {
      // Same order: swap the fresh objects into the sorted list in place.
      this.ordered = this.ordered.map((shape) =>
        changed.has(shape.id) ? (this.byId.get(shape.id) as Shape) : shape,
      )
    }
    for (const listener of this.listeners) listener(dirty)
  }
}
