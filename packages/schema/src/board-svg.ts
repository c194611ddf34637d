import { connectorEnds } from './board-geometry.js'
import { isConnector, type Shape } from './board-shape.js'

/** How the board's text is drawn (shared by the canvas renderer and the SVG export). */
export const BOARD_TEXT_STYLE = {
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  stickyFill: '#ffec99',
  stickyPadding: 16,
  stickyFontSize: 20,
  textFontSize: 24,
} as const

/** Options of {@link boardToSvg}: hooks for what a browser can do better than plain math. */
export interface BoardSvgOptions {
  /**
   * The outline of a freehand stroke (points relative to the shape, `[x, y, pressure, ...]`) as
   * the `d` of a filled path. @default none: a stroked polyline through the points
   */
  strokeOutline?: (points: readonly number[], strokeWidth: number) => string
  /**
   * A sticky note's text broken into lines that fit `maxWidth` at `fontSize`.
   * @default breaks at spaces, assuming an average glyph width of 0.55 em
   */
  wrapText?: (text: string, fontSize: number, maxWidth: number) => string[]
}

interface Box {
  x: number
  y: number
  w: number
  h: number
}

const MARGIN = 16
const AVERAGE_GLYPH_EM = 0.55

/** `text` safe inside SVG/XML text and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

// Numbers as attribute values: non-finite values (never stored, but a bad peer could try)
// would make the document invalid.
function n(value: number): string {
  return Number.isFinite(value) ? String(value) : '0'
}

/** A shape's bounding box (connectors after following their bindings), without stroke. */
export function boardShapeBounds(shape: Shape, lookup: (id: string) => Shape | null): Box {
  const around = (x1: number, y1: number, x2: number, y2: number): Box => ({
    x: Math.min(x1, x2),
    y: Math.min(y1, y2),
    w: Math.abs(x2 - x1),
    h: Math.abs(y2 - y1),
  })
  if (isConnector(shape.type)) {
    const e = connectorEnds(shape, lookup)
    return around(e.x1, e.y1, e.x2, e.y2)
  }
  const box = around(shape.x, shape.y, shape.x + shape.w, shape.y + shape.h)
  if (!shape.rotation) return box
  // The box around the rotated corners.
  const cos = Math.abs(Math.cos(shape.rotation))
  const sin = Math.abs(Math.sin(shape.rotation))
  const w = box.w * cos + box.h * sin
  const h = box.w * sin + box.h * cos
  return { x: box.x + box.w / 2 - w / 2, y: box.y + box.h / 2 - h / 2, w, h }
}

/** The area an export of `shapes` covers (with stroke and a margin); null when there are none. */
export function boardSvgBounds(
  shapes: readonly Shape[],
  lookup: (id: string) => Shape | null,
): Box | null {
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  for (const shape of shapes) {
    const b = boardShapeBounds(shape, lookup)
    const by = shape.strokeWidth
    minX = Math.min(minX, b.x - by)
    minY = Math.min(minY, b.y - by)
    maxX = Math.max(maxX, b.x + b.w + by)
    maxY = Math.max(maxY, b.y + b.h + by)
  }
  if (minX === Infinity) return null
  return {
    x: minX - MARGIN,
    y: minY - MARGIN,
    w: maxX - minX + 2 * MARGIN,
    h: maxY - minY + 2 * MARGIN,
  }
}

function defaultWrap(text: string, fontSize: number, maxWidth: number): string[] {
  const perLine = Math.max(1, Math.floor(maxWidth / (fontSize * AVERAGE_GLYPH_EM)))
  const lines: string[] = []
  for (const paragraph of text.split('\n')) {
    let line = ''
    for (const word of paragraph.split(' ')) {
      const next = line ? `${line} ${word}` : word
      if (line && next.length > perLine) {
        lines.push(line)
        line = word
      } else line = next
    }
    lines.push(line)
  }
  return lines
}

function style(shape: Shape, fill = shape.fill): string {
  return `fill="${escapeXml(fill)}" stroke="${escapeXml(shape.stroke)}" stroke-width="${n(shape.strokeWidth)}"`
}

function textSvg(shape: Shape, lines: string[], size: number, padding: number): string {
  const x = n(shape.x + padding)
  const spans = lines
    .map(
      (line, i) => `<tspan x="${x}" dy="${i === 0 ? 0 : size * 1.25}">${escapeXml(line)}</tspan>`,
    )
    .join('')
  return `<text x="${x}" y="${n(shape.y + padding)}" dominant-baseline="hanging" font-family="${escapeXml(BOARD_TEXT_STYLE.fontFamily)}" font-size="${size}" fill="${escapeXml(shape.stroke)}">${spans}</text>`
}

function polyline(points: readonly number[]): string {
  const parts: string[] = []
  for (let i = 0; i + 1 < points.length; i += 3) {
    parts.push(`${i === 0 ? 'M' : 'L'}${n(points[i] as number)} ${n(points[i + 1] as number)}`)
  }
  return parts.join(' ')
}

function shapeSvg(
  shape: Shape,
  lookup: (id: string) => Shape | null,
  options: BoardSvgOptions,
): string {
  const [x, y, w, h] = [shape.x, shape.y, shape.w, shape.h].map(n) as [
    string,
    string,
    string,
    string,
  ]
  switch (shape.type) {
    case 'rectangle':
      return `<rect x="${x}" y="${y}" width="${w}" height="${h}" ${style(shape)}/>`
    case 'ellipse':
      return `<ellipse cx="${n(shape.x + shape.w / 2)}" cy="${n(shape.y + shape.h / 2)}" rx="${n(Math.abs(shape.w / 2))}" ry="${n(Math.abs(shape.h / 2))}" ${style(shape)}/>`
    case 'diamond': {
      const [cx, cy] = [n(shape.x + shape.w / 2), n(shape.y + shape.h / 2)]
      const [r, b] = [n(shape.x + shape.w), n(shape.y + shape.h)]
      return `<polygon points="${cx},${y} ${r},${cy} ${cx},${b} ${x},${cy}" ${style(shape)}/>`
    }
    case 'arrow':
    case 'line': {
      const e = connectorEnds(shape, lookup)
      const line = `<line x1="${n(e.x1)}" y1="${n(e.y1)}" x2="${n(e.x2)}" y2="${n(e.y2)}" ${style(shape, 'none')} stroke-linecap="round"/>`
      if (shape.type === 'line') return line
      const size = 10 + shape.strokeWidth * 2
      const a = Math.atan2(e.y2 - e.y1, e.x2 - e.x1)
      const p = (da: number): string =>
        `${n(e.x2 - size * Math.cos(a + da))},${n(e.y2 - size * Math.sin(a + da))}`
      return `${line}<polyline points="${p(-Math.PI / 7)} ${n(e.x2)},${n(e.y2)} ${p(Math.PI / 7)}" ${style(shape, 'none')} stroke-linecap="round" stroke-linejoin="round"/>`
    }
    case 'draw': {
      const stroke = escapeXml(shape.stroke)
      if (options.strokeOutline) {
        const d = escapeXml(options.strokeOutline(shape.points, shape.strokeWidth))
        return `<path transform="translate(${x} ${y})" d="${d}" fill="${stroke}"/>`
      }
      return `<path transform="translate(${x} ${y})" d="${polyline(shape.points)}" fill="none" stroke="${stroke}" stroke-width="${n(shape.strokeWidth)}" stroke-linecap="round" stroke-linejoin="round"/>`
    }
    case 'sticky': {
      const { stickyFill, stickyFontSize, stickyPadding } = BOARD_TEXT_STYLE
      const fill = shape.fill !== 'none' ? shape.fill : stickyFill
      const rect = `<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="${escapeXml(fill)}"/>`
      if (!shape.text) return rect
      const wrap = options.wrapText ?? defaultWrap
      const lines = wrap(shape.text, stickyFontSize, shape.w - stickyPadding * 2)
      return rect + textSvg(shape, lines, stickyFontSize, stickyPadding)
    }
    case 'text':
      return shape.text
        ? textSvg(shape, shape.text.split('\n'), BOARD_TEXT_STYLE.textFontSize, 0)
        : ''
    default: {
      const never: never = shape.type
      throw new Error(`unknown shape type ${String(never)}`)
    }
  }
}

/**
 * The shapes (bottom first, as `BoardDoc.list()` gives them) as a standalone SVG document on a
 * white background. Pure string building, no DOM: the server exports boards with it, the app
 * previews versions with it. Every text and colour is escaped; `lookup` resolves the shapes
 * bound arrows point at.
 */
export function boardToSvg(
  shapes: readonly Shape[],
  lookup: (id: string) => Shape | null,
  options: BoardSvgOptions = {},
): string {
  const box = boardSvgBounds(shapes, lookup) ?? { x: 0, y: 0, w: 1, h: 1 }
  const body = shapes
    .map((shape) => {
      const svg = shapeSvg(shape, lookup, options)
      if (!shape.rotation || isConnector(shape.type)) return svg
      const deg = (shape.rotation * 180) / Math.PI
      return `<g transform="rotate(${n(deg)} ${n(shape.x + shape.w / 2)} ${n(shape.y + shape.h / 2)})">${svg}</g>`
    })
    .join('\n')
  const [x, y, w, h] = [box.x, box.y, box.w, box.h].map(n)
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="${x} ${y} ${w} ${h}">`,
    `<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="#ffffff"/>`,
    body,
    '</svg>',
  ].join('\n')
}
