import { BOARD_TEXT_STYLE, connectorEnds, type Shape } from '@tandem/schema'
import { strokePath2D } from './freehand.js'
import type { ShapeLookup } from './geometry.js'

// The same text style as the SVG export (the schema's serializer).
/** Fill of a sticky note that has none set. */
export const STICKY_FILL = BOARD_TEXT_STYLE.stickyFill
export const STICKY_PADDING = BOARD_TEXT_STYLE.stickyPadding
export const STICKY_FONT_SIZE = BOARD_TEXT_STYLE.stickyFontSize
export const TEXT_FONT_SIZE = BOARD_TEXT_STYLE.textFontSize
export const FONT_FAMILY = BOARD_TEXT_STYLE.fontFamily
/** Below this many screen pixels of text height, text is not drawn (level of detail). */
const MIN_TEXT_PX = 4

/** Lines of `text` wrapped to `width` with the context's font; cached (stickies repaint often). */
const wrapCache = new Map<string, string[]>()
export function wrapText(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
  const key = `${ctx.font}|${width}|${text}`
  const cached = wrapCache.get(key)
  if (cached) return cached
  const lines: string[] = []
  for (const paragraph of text.split('\n')) {
    let line = ''
    for (const word of paragraph.split(' ')) {
      const next = line ? `${line} ${word}` : word
      if (line && ctx.measureText(next).width > width) {
        lines.push(line)
        line = word
      } else line = next
    }
    lines.push(line)
  }
  if (wrapCache.size > 5_000) wrapCache.clear()
  wrapCache.set(key, lines)
  return lines
}

function arrowHead(
  ctx: CanvasRenderingContext2D,
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  size: number,
): void {
  const angle = Math.atan2(y2 - y1, x2 - x1)
  ctx.beginPath()
  ctx.moveTo(x2 - size * Math.cos(angle - Math.PI / 7), y2 - size * Math.sin(angle - Math.PI / 7))
  ctx.lineTo(x2, y2)
  ctx.lineTo(x2 - size * Math.cos(angle + Math.PI / 7), y2 - size * Math.sin(angle + Math.PI / 7))
  ctx.stroke()
}

/** Strokes and fills the current path with the shape's style. */
function paint(ctx: CanvasRenderingContext2D, shape: Shape): void {
  if (shape.fill !== 'none') {
    ctx.fillStyle = shape.fill
    ctx.fill()
  }
  ctx.strokeStyle = shape.stroke
  ctx.lineWidth = shape.strokeWidth
  ctx.stroke()
}

/** Draws one shape in board coordinates (the context already holds the camera transform). */
export function drawShape(
  ctx: CanvasRenderingContext2D,
  shape: Shape,
  lookup: ShapeLookup,
  zoom: number,
): void {
  const { x, y, w, h } = shape
  // Level of detail: a shape smaller than two screen pixels is a dot; skip the details.
  if (
    shape.type !== 'arrow' &&
    shape.type !== 'line' &&
    Math.max(Math.abs(w), Math.abs(h)) * zoom < 2
  ) {
    ctx.fillStyle = shape.fill !== 'none' ? shape.fill : shape.stroke
    ctx.fillRect(x, y, Math.max(w, 1 / zoom), Math.max(h, 1 / zoom))
    return
  }
  ctx.lineJoin = 'round'
  ctx.lineCap = 'round'
  if (shape.rotation && shape.type !== 'arrow' && shape.type !== 'line') {
    ctx.save()
    ctx.translate(x + w / 2, y + h / 2)
    ctx.rotate(shape.rotation)
    ctx.translate(-(x + w / 2), -(y + h / 2))
    drawShape(ctx, { ...shape, rotation: 0 }, lookup, zoom)
    ctx.restore()
    return
  }
  switch (shape.type) {
    case 'rectangle':
      ctx.beginPath()
      ctx.rect(x, y, w, h)
      paint(ctx, shape)
      break
    case 'ellipse':
      ctx.beginPath()
      ctx.ellipse(x + w / 2, y + h / 2, Math.abs(w / 2), Math.abs(h / 2), 0, 0, Math.PI * 2)
      paint(ctx, shape)
      break
    case 'diamond':
      ctx.beginPath()
      ctx.moveTo(x + w / 2, y)
      ctx.lineTo(x + w, y + h / 2)
      ctx.lineTo(x + w / 2, y + h)
      ctx.lineTo(x, y + h / 2)
      ctx.closePath()
      paint(ctx, shape)
      break
    case 'arrow':
    case 'line': {
      const e = connectorEnds(shape, lookup)
      ctx.beginPath()
      ctx.moveTo(e.x1, e.y1)
      ctx.lineTo(e.x2, e.y2)
      ctx.strokeStyle = shape.stroke
      ctx.lineWidth = shape.strokeWidth
      ctx.stroke()
      if (shape.type === 'arrow') arrowHead(ctx, e.x1, e.y1, e.x2, e.y2, 10 + shape.strokeWidth * 2)
      break
    }
    case 'draw':
      ctx.save()
      ctx.translate(x, y)
      ctx.fillStyle = shape.stroke
      ctx.fill(strokePath2D(shape.points, shape.strokeWidth))
      ctx.restore()
      break
    case 'sticky':
      ctx.fillStyle = shape.fill !== 'none' ? shape.fill : STICKY_FILL
      ctx.fillRect(x, y, w, h)
      drawText(ctx, shape, STICKY_FONT_SIZE, STICKY_PADDING, zoom)
      break
    case 'text':
      drawText(ctx, shape, TEXT_FONT_SIZE, 0, zoom)
      break
    default: {
      const never: never = shape.type
      throw new Error(`unknown shape type ${String(never)}`)
    }
  }
}

function drawText(
  ctx: CanvasRenderingContext2D,
  shape: Shape,
  size: number,
  padding: number,
  zoom: number,
): void {
  if (!shape.text || size * zoom < MIN_TEXT_PX) return
  ctx.font = `${size}px ${FONT_FAMILY}`
  ctx.fillStyle = shape.stroke
  ctx.textBaseline = 'top'
  const width = shape.type === 'sticky' ? shape.w - padding * 2 : Infinity
  const lines = shape.type === 'sticky' ? wrapText(ctx, shape.text, width) : shape.text.split('\n')
  const lineHeight = size * 1.25
  lines.forEach((line, i) => {
    const top = shape.y + padding + i * lineHeight
    if (shape.type === 'sticky' && top + lineHeight > shape.y + shape.h) return
    ctx.fillText(line, shape.x + padding, top)
  })
}

/** Size of a text shape holding `text` (one line per paragraph, no wrapping). */
export function measureText(ctx: CanvasRenderingContext2D, text: string): { w: number; h: number } {
  ctx.font = `${TEXT_FONT_SIZE}px ${FONT_FAMILY}`
  const lines = text.split('\n')
  const w = Math.max(8, ...lines.map((line) => ctx.measureText(line).width))
  return { w: Math.ceil(w), h: Math.ceil(lines.length * TEXT_FONT_SIZE * 1.25) }
}
