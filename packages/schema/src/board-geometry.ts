import { isConnector, type Binding, type Shape } from './board-shape.js'

/** The two ends of an arrow or line after following its bindings. */
export interface ConnectorEnds {
  readonly x1: number
  readonly y1: number
  readonly x2: number
  readonly y2: number
}

type Point = { x: number; y: number }

function anchor(target: Shape, binding: Binding): Point {
  return fromShapeFrame(target, target.x + binding.nx * target.w, target.y + binding.ny * target.h)
}

/** (px, py) in `shape`'s own frame: its rotation about the box centre undone. */
export function toShapeFrame(shape: Shape, px: number, py: number): Point {
  if (!shape.rotation || isConnector(shape.type)) return { x: px, y: py }
  const cx = shape.x + shape.w / 2
  const cy = shape.y + shape.h / 2
  const cos = Math.cos(-shape.rotation)
  const sin = Math.sin(-shape.rotation)
  const dx = px - cx
  const dy = py - cy
  return { x: cx + dx * cos - dy * sin, y: cy + dx * sin + dy * cos }
}

/** (px, py) from `shape`'s own frame to the board: its rotation applied. */
function fromShapeFrame(shape: Shape, px: number, py: number): Point {
  if (!shape.rotation || isConnector(shape.type)) return { x: px, y: py }
  return toShapeFrame({ ...shape, rotation: -shape.rotation }, px, py)
}

/** True when (px, py) is inside `shape`'s outline (boxes, ellipses, diamonds; others by box). */
function insideOutline(shape: Shape, qx: number, qy: number): boolean {
  const { x: px, y: py } = toShapeFrame(shape, qx, qy)
  const cx = shape.x + shape.w / 2
  const cy = shape.y + shape.h / 2
  const rx = Math.abs(shape.w / 2)
  const ry = Math.abs(shape.h / 2)
  if (rx === 0 || ry === 0) return false
  const nx = (px - cx) / rx
  const ny = (py - cy) / ry
  if (shape.type === 'ellipse') return nx * nx + ny * ny <= 1
  if (shape.type === 'diamond') return Math.abs(nx) + Math.abs(ny) <= 1
  return Math.abs(nx) <= 1 && Math.abs(ny) <= 1
}

/**
 * Where `from -> to` enters `target`'s outline: a bound end stops at the border of its shape on
 * the way to its anchor, so arrow heads are not buried inside shapes. The outlines are convex,
 * so the inside part of the segment is one interval ending at the anchor: bisect for its start.
 * When `from` is inside too (overlapping shapes) the anchor itself is returned.
 */
function clipToBorder(from: Point, to: Point, target: Shape): Point {
  if (insideOutline(target, from.x, from.y) || !insideOutline(target, to.x, to.y)) return to
  let outside = 0
  let inside = 1
  for (let i = 0; i < 24; i++) {
    const mid = (outside + inside) / 2
    if (insideOutline(target, from.x + (to.x - from.x) * mid, from.y + (to.y - from.y) * mid))
      inside = mid
    else outside = mid
  }
  return { x: from.x + (to.x - from.x) * inside, y: from.y + (to.y - from.y) * inside }
}

/**
 * Where an arrow's or line's ends are now: bound ends follow their shape (if it exists) and stop
 * at its outline; unbound or dangling ends are the stored points. Any shape lookup works (the
 * document, the renderer's cache, an export).
 */
export function connectorEnds(shape: Shape, lookup: (id: string) => Shape | null): ConnectorEnds {
  const bound = (binding: Binding | null): Shape | null => {
    const target = binding && lookup(binding.shapeId)
    return target && !isConnector(target.type) ? target : null
  }
  const startTarget = bound(shape.start)
  const endTarget = bound(shape.end)
  const startAnchor =
    startTarget && shape.start ? anchor(startTarget, shape.start) : { x: shape.x, y: shape.y }
  const endAnchor =
    endTarget && shape.end
      ? anchor(endTarget, shape.end)
      : { x: shape.x + shape.w, y: shape.y + shape.h }
  const start = startTarget ? clipToBorder(endAnchor, startAnchor, startTarget) : startAnchor
  const end = endTarget ? clipToBorder(startAnchor, endAnchor, endTarget) : endAnchor
  return { x1: start.x, y1: start.y, x2: end.x, y2: end.y }
}
