import {
  boardShapeBounds,
  connectorEnds,
  isConnector,
  toShapeFrame,
  type Shape,
} from '@tandem/schema'

/** An axis-aligned rectangle in board units (w, h >= 0). */
export interface Box {
  readonly x: number
  readonly y: number
  readonly w: number
  readonly h: number
}

/** Looks a shape up by id (the scene's cache), for arrows that follow their targets. */
export type ShapeLookup = (id: string) => Shape | null

/** The box spanned by two corners in any order. */
export function boxFromPoints(x1: number, y1: number, x2: number, y2: number): Box {
  return { x: Math.min(x1, x2), y: Math.min(y1, y2), w: Math.abs(x2 - x1), h: Math.abs(y2 - y1) }
}

/** A shape's bounding box (connectors after following their bindings), without stroke. */
export function shapeBounds(shape: Shape, lookup: ShapeLookup): Box {
  // The same box the schema's SVG serializer uses, so exports and hit-testing agree.
  return boardShapeBounds(shape, lookup)
}

/** The unrotated box of a shape (its own frame). */
export function ownBox(shape: Shape): Box {
  return boxFromPoints(shape.x, shape.y, shape.x + shape.w, shape.y + shape.h)
}

/** `box` grown by `by` on every side. */
export function inflate(box: Box, by: number): Box {
  return { x: box.x - by, y: box.y - by, w: box.w + by * 2, h: box.h + by * 2 }
}

/** True when the boxes overlap or touch. */
export function intersects(a: Box, b: Box): boolean {
  return a.x <= b.x + b.w && b.x <= a.x + a.w && a.y <= b.y + b.h && b.y <= a.y + a.h
}

/** True when `inner` lies wholly inside `outer`. */
export function contains(outer: Box, inner: Box): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.w <= outer.x + outer.w &&
    inner.y + inner.h <= outer.y + outer.h
  )
}

/** The smallest box around all `boxes`, or null for none. */
export function union(boxes: Iterable<Box>): Box | null {
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  for (const b of boxes) {
    minX = Math.min(minX, b.x)
    minY = Math.min(minY, b.y)
    maxX = Math.max(maxX, b.x + b.w)
    maxY = Math.max(maxY, b.y + b.h)
  }
  return minX === Infinity ? null : { x: minX, y: minY, w: maxX - minX, h: maxY - minY }
}

function distanceToSegment(
  px: number,
  py: number,
  x1: number,
  y1: number,
  x2: number,
  y2: number,
): number {
  const dx = x2 - x1
  const dy = y2 - y1
  const length = dx * dx + dy * dy
  const t = length === 0 ? 0 : Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / length))
  return Math.hypot(px - (x1 + t * dx), py - (y1 + t * dy))
}

/**
 * True when board point (px, py) is on the shape: inside boxes, ellipses and diamonds (filled
 * or not, as in tldraw: easier to grab), near the line of connectors and strokes.
 */
export function hitShape(
  shape: Shape,
  qx: number,
  qy: number,
  tolerance: number,
  lookup: ShapeLookup,
): boolean {
  // Tested in the shape's own (unrotated) frame.
  const { x: px, y: py } = toShapeFrame(shape, qx, qy)
  const box = isConnector(shape.type) ? shapeBounds(shape, lookup) : ownBox(shape)
  if (!intersects(inflate(box, tolerance + shape.strokeWidth), { x: px, y: py, w: 0, h: 0 }))
    return false
  switch (shape.type) {
    case 'arrow':
    case 'line': {
      const e = connectorEnds(shape, lookup)
      return distanceToSegment(px, py, e.x1, e.y1, e.x2, e.y2) <= tolerance + shape.strokeWidth
    }
    case 'draw': {
      const p = shape.points
      for (let i = 0; i + 2 < p.length; i += 3) {
        const x1 = shape.x + (p[i] as number)
        const y1 = shape.y + (p[i + 1] as number)
        const x2 = shape.x + (p[i + 3] ?? p[i]!)
        const y2 = shape.y + (p[i + 4] ?? p[i + 1]!)
        if (distanceToSegment(px, py, x1, y1, x2, y2) <= tolerance + shape.strokeWidth) return true
      }
      return false
    }
    case 'ellipse': {
      const rx = box.w / 2 + tolerance
      const ry = box.h / 2 + tolerance
      const nx = (px - (box.x + box.w / 2)) / rx
      const ny = (py - (box.y + box.h / 2)) / ry
      return nx * nx + ny * ny <= 1
    }
    case 'diamond': {
      const nx = Math.abs(px - (box.x + box.w / 2)) / (box.w / 2 + tolerance)
      const ny = Math.abs(py - (box.y + box.h / 2)) / (box.h / 2 + tolerance)
      return nx + ny <= 1
    }
    case 'rectangle':
    case 'sticky':
    case 'text':
      return true
    default: {
      const never: never = shape.type
      return never
    }
  }
}
