import { isConnector, type Shape, type ShapeFields } from '@tandem/schema'
import type { Box } from './geometry.js'
import type { Corner } from './overlay.js'

type Point = { x: number; y: number }

/** A shape moved by (dx, dy). */
export function movedPatch(shape: Shape, dx: number, dy: number): Partial<ShapeFields> {
  return { x: shape.x + dx, y: shape.y + dy }
}

/** A shape scaled with the selection box `from` -> `to` (freehand points too). */
export function resizedPatch(shape: Shape, from: Box, to: Box): Partial<ShapeFields> {
  const sx = from.w === 0 ? 1 : to.w / from.w
  const sy = from.h === 0 ? 1 : to.h / from.h
  const patch: Partial<ShapeFields> = {
    x: to.x + (shape.x - from.x) * sx,
    y: to.y + (shape.y - from.y) * sy,
    w: shape.w * sx,
    h: shape.h * sy,
  }
  if (shape.type !== 'draw') return patch
  const points = shape.points.map((v, i) => (i % 3 === 0 ? v * sx : i % 3 === 1 ? v * sy : v))
  return { ...patch, points }
}

function rotatePoint(p: Point, c: Point, angle: number): Point {
  const cos = Math.cos(angle)
  const sin = Math.sin(angle)
  return {
    x: c.x + (p.x - c.x) * cos - (p.y - c.y) * sin,
    y: c.y + (p.x - c.x) * sin + (p.y - c.y) * cos,
  }
}

/** A shape turned by `angle` about `center`: boxes turn about it and spin; connectors' ends turn. */
export function rotatedPatch(shape: Shape, center: Point, angle: number): Partial<ShapeFields> {
  if (isConnector(shape.type)) {
    const a = rotatePoint({ x: shape.x, y: shape.y }, center, angle)
    const b = rotatePoint({ x: shape.x + shape.w, y: shape.y + shape.h }, center, angle)
    return { x: a.x, y: a.y, w: b.x - a.x, h: b.y - a.y }
  }
  const c = rotatePoint({ x: shape.x + shape.w / 2, y: shape.y + shape.h / 2 }, center, angle)
  const full = Math.PI * 2
  return {
    x: c.x - shape.w / 2,
    y: c.y - shape.h / 2,
    rotation: (((shape.rotation + angle) % full) + full) % full,
  }
}

/** The corner across from `corner`: the fixed point of a resize. */
export function opposite(box: Box, corner: Corner): Point {
  switch (corner) {
    case 'nw':
      return { x: box.x + box.w, y: box.y + box.h }
    case 'ne':
      return { x: box.x, y: box.y + box.h }
    case 'se':
      return { x: box.x, y: box.y }
    case 'sw':
      return { x: box.x + box.w, y: box.y }
    default: {
      const never: never = corner
      throw new Error(`unknown corner ${String(never)}`)
    }
  }
}
