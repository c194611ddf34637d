import { getStroke } from 'perfect-freehand'

/** Pressure to assume for mice (no pressure); perfect-freehand then simulates it from speed. */
const MOUSE_PRESSURE = 0.5

/** Triples `[x, y, pressure, ...]` as perfect-freehand's point list. */
function triples(points: readonly number[]): [number, number, number][] {
  const out: [number, number, number][] = []
  for (let i = 0; i + 2 < points.length; i += 3) {
    out.push([
      points[i] as number,
      points[i + 1] as number,
      (points[i + 2] as number) || MOUSE_PRESSURE,
    ])
  }
  return out
}

/**
 * The outline of a pressure-like stroke through `points` (relative coordinates) as an SVG path,
 * from perfect-freehand (the stroke library tldraw uses), drawn as quadratic curves through the
 * outline's midpoints so it stays smooth at every zoom.
 */
export function strokePath(
  points: readonly number[],
  strokeWidth: number,
  complete = true,
): string {
  const input = triples(points)
  const simulate = input.every(([, , p]) => p === MOUSE_PRESSURE)
  const outline = getStroke(input, {
    size: strokeWidth * 4,
    thinning: 0.6,
    smoothing: 0.5,
    streamline: 0.5,
    simulatePressure: simulate,
    last: complete,
  })
  if (outline.length < 2) return ''
  const [fx, fy] = outline[0] as [number, number]
  let d = `M${fx.toFixed(2)},${fy.toFixed(2)}Q`
  for (let i = 0; i < outline.length; i++) {
    const [x0, y0] = outline[i] as [number, number]
    const [x1, y1] = outline[(i + 1) % outline.length] as [number, number]
    d += `${x0.toFixed(2)},${y0.toFixed(2)} ${((x0 + x1) / 2).toFixed(2)},${((y0 + y1) / 2).toFixed(2)} `
  }
  return `${d}Z`
}

// Outlines are costly to compute and a stroke never changes after it is drawn (the points
// array is replaced, not mutated), so paths are cached per points array.
const paths = new WeakMap<readonly number[], Map<number, Path2D>>()

/** {@link strokePath} as a cached Path2D for the canvas. */
export function strokePath2D(points: readonly number[], strokeWidth: number): Path2D {
  let bySize = paths.get(points)
  if (!bySize) {
    bySize = new Map()
    paths.set(points, bySize)
  }
  let path = bySize.get(strokeWidth)
  if (!path) {
    path = new Path2D(strokePath(points, strokeWidth))
    bySize.set(strokeWidth, path)
  }
  return path
}
