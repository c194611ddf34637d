import { MAX_STROKE_POINTS, SHAPE_DEFAULTS, type Shape, type ShapeInput } from '@tandem/schema'
import type { ShapeStyle } from './tools.js'

type Point = { x: number; y: number }

/** The stroke being drawn, as a shape for the local preview (not in the document yet). */
export function strokeDraft(origin: Point, points: readonly number[], style: ShapeStyle): Shape {
  return {
    ...SHAPE_DEFAULTS,
    ...style,
    id: 'draft',
    type: 'draw',
    z: 'a0',
    x: origin.x,
    y: origin.y,
    points: [...points],
  }
}

/**
 * A finished stroke (points `[x, y, pressure, ...]` relative to `origin`) as a new shape whose
 * points are relative to the stroke's own box, so moving it is a two-field write. Null for no
 * points. At most MAX_STROKE_POINTS points are kept.
 */
export function strokeShape(
  origin: Point,
  points: readonly number[],
  style: ShapeStyle,
): ShapeInput | null {
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  for (let i = 0; i + 2 < points.length; i += 3) {
    minX = Math.min(minX, points[i] as number)
    minY = Math.min(minY, points[i + 1] as number)
    maxX = Math.max(maxX, points[i] as number)
    maxY = Math.max(maxY, points[i + 1] as number)
  }
  if (minX === Infinity) return null
  const relative = points.map((v, i) => (i % 3 === 0 ? v - minX : i % 3 === 1 ? v - minY : v))
  return {
    ...style,
    type: 'draw',
    fill: 'none',
    x: origin.x + minX,
    y: origin.y + minY,
    w: maxX - minX,
    h: maxY - minY,
    points: relative.slice(0, MAX_STROKE_POINTS * 3),
  }
}
