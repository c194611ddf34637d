import { compareShapes, type BoardDoc, type Shape } from '@tandem/schema'
import { intersects, shapeBounds, type Box } from './geometry.js'

/**
 * The board's shapes as plain objects, in paint order, kept up to date from the Y.Doc one
 * changed shape at a time: a peer dragging one shape among 5,000 re-reads one Y.Map per
 * transaction, and the order is re-sorted only when a shape is added, removed or restacked.
 */
export class Scene {
  private readonly byId = new Map<string, Shape>()
  private ordered: Shape[] = []
  private orderStale = true
  private readonly listeners = new Set<() => void>()
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

  /** Shapes whose bounds meet `view`, bottom first (viewport culling). */
  visible(view: Box): Shape[] {
    return this.shapes().filter((shape) => intersects(shapeBounds(shape, this.get), view))
  }

  /** Number of shapes. */
  get size(): number {
    return this.byId.size
  }

  /** Calls `listener` after every change of the board; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Stops following the document. */
  destroy(): void {
    this.off()
    this.listeners.clear()
  }

  private apply(changed: ReadonlySet<string>): void {
    for (const id of changed) {
      const before = this.byId.get(id)
      const after = this.board.get(id)
      if (after) this.byId.set(id, after)
      else this.byId.delete(id)
      if (!before || !after || before.z !== after.z) this.orderStale = true
    }
    if (!this.orderStale) {
      // Same order: swap the fresh objects into the sorted list in place.
      this.ordered = this.ordered.map((shape) =>
        changed.has(shape.id) ? (this.byId.get(shape.id) as Shape) : shape,
      )
    }
    for (const listener of this.listeners) listener()
  }
}
