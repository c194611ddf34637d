import { connectorEnds, type Shape } from '@tandem/schema'
import { strokePath } from './freehand.js'
import { inflate, shapeBounds, union, type Box, type ShapeLookup } from './geometry.js'
import {
  drawShape,
  FONT_FAMILY,
  STICKY_FILL,
  STICKY_FONT_SIZE,
  STICKY_PADDING,
  TEXT_FONT_SIZE,
  wrapText,
} from './render.js'

const MARGIN = 16
/** Largest PNG side in pixels, so a sprawling board does not allocate a gigantic canvas. */
const MAX_PNG_SIDE = 8192

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** The area an export covers: every given shape plus a margin; null when there are none. */
export function exportBounds(shapes: readonly Shape[], lookup: ShapeLookup): Box | null {
  const box = union(shapes.map((shape) => inflate(shapeBounds(shape, lookup), shape.strokeWidth)))
  return box && inflate(box, MARGIN)
}

function style(shape: Shape, fill = shape.fill): string {
  return `fill="${escapeXml(fill)}" stroke="${escapeXml(shape.stroke)}" stroke-width="${shape.strokeWidth}"`
}

function textSvg(shape: Shape, lines: string[], size: number, padding: number): string {
  const spans = lines
    .map(
      (line, i) =>
        `<tspan x="${shape.x + padding}" dy="${i === 0 ? 0 : size * 1.25}">${escapeXml(line)}</tspan>`,
    )
    .join('')
  return `<text x="${shape.x + padding}" y="${shape.y + padding}" dominant-baseline="hanging" font-family="${escapeXml(FONT_FAMILY)}" font-size="${size}" fill="${escapeXml(shape.stroke)}">${spans}</text>`
}

function shapeSvg(
  shape: Shape,
  lookup: ShapeLookup,
  measure: CanvasRenderingContext2D | null,
): string {
  const { x, y, w, h } = shape
  switch (shape.type) {
    case 'rectangle':
      return `<rect x="${x}" y="${y}" width="${w}" height="${h}" ${style(shape)}/>`
    case 'ellipse':
      return `<ellipse cx="${x + w / 2}" cy="${y + h / 2}" rx="${Math.abs(w / 2)}" ry="${Math.abs(h / 2)}" ${style(shape)}/>`
    case 'diamond':
      return `<polygon points="${x + w / 2},${y} ${x + w},${y + h / 2} ${x + w / 2},${y + h} ${x},${y + h / 2}" ${style(shape)}/>`
    case 'arrow':
    case 'line': {
      const e = connectorEnds(shape, lookup)
      const line = `<line x1="${e.x1}" y1="${e.y1}" x2="${e.x2}" y2="${e.y2}" ${style(shape, 'none')} stroke-linecap="round"/>`
      if (shape.type === 'line') return line
      const size = 10 + shape.strokeWidth * 2
      const a = Math.atan2(e.y2 - e.y1, e.x2 - e.x1)
      const p = (da: number) =>
        `${e.x2 - size * Math.cos(a + da)},${e.y2 - size * Math.sin(a + da)}`
      return `${line}<polyline points="${p(-Math.PI / 7)} ${e.x2},${e.y2} ${p(Math.PI / 7)}" ${style(shape, 'none')} stroke-linecap="round" stroke-linejoin="round"/>`
    }
    case 'draw':
      return `<path transform="translate(${x} ${y})" d="${strokePath(shape.points, shape.strokeWidth)}" fill="${escapeXml(shape.stroke)}"/>`
    case 'sticky': {
      const fill = shape.fill !== 'none' ? shape.fill : STICKY_FILL
      const rect = `<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="${escapeXml(fill)}"/>`
      if (!shape.text) return rect
      let lines = shape.text.split('\n')
      if (measure) {
        measure.font = `${STICKY_FONT_SIZE}px ${FONT_FAMILY}`
        lines = wrapText(measure, shape.text, w - STICKY_PADDING * 2)
      }
      return rect + textSvg(shape, lines, STICKY_FONT_SIZE, STICKY_PADDING)
    }
    case 'text':
      return shape.text ? textSvg(shape, shape.text.split('\n'), TEXT_FONT_SIZE, 0) : ''
    default: {
      const never: never = shape.type
      throw new Error(`unknown shape type ${String(never)}`)
    }
  }
}

/** The shapes as a standalone SVG document (white background), bottom shape first. */
export function exportSvg(shapes: readonly Shape[], lookup: ShapeLookup): string {
  const box = exportBounds(shapes, lookup) ?? { x: 0, y: 0, w: 1, h: 1 }
  const measure =
    typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d')
  const body = shapes
    .map((shape) => {
      const svg = shapeSvg(shape, lookup, measure)
      if (!shape.rotation || shape.type === 'arrow' || shape.type === 'line') return svg
      const deg = (shape.rotation * 180) / Math.PI
      return `<g transform="rotate(${deg} ${shape.x + shape.w / 2} ${shape.y + shape.h / 2})">${svg}</g>`
    })
    .join('\n')
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${box.w}" height="${box.h}" viewBox="${box.x} ${box.y} ${box.w} ${box.h}">`,
    `<rect x="${box.x}" y="${box.y}" width="${box.w}" height="${box.h}" fill="#ffffff"/>`,
    body,
    '</svg>',
  ].join('\n')
}

/** The shapes as a PNG image (white background, 2x for sharp text), drawn by the canvas renderer. */
export async function exportPng(
  shapes: readonly Shape[],
  lookup: ShapeLookup,
  scale = 2,
): Promise<Blob> {
  const box = exportBounds(shapes, lookup) ?? { x: 0, y: 0, w: 1, h: 1 }
  const s = Math.min(scale, MAX_PNG_SIDE / box.w, MAX_PNG_SIDE / box.h)
  const canvas = document.createElement('canvas')
  canvas.width = Math.max(1, Math.ceil(box.w * s))
  canvas.height = Math.max(1, Math.ceil(box.h * s))
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('exportPng: no 2D canvas context')
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, canvas.width, canvas.height)
  ctx.setTransform(s, 0, 0, s, -box.x * s, -box.y * s)
  for (const shape of shapes) drawShape(ctx, shape, lookup, s)
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('exportPng: encoding failed'))),
      'image/png',
    ),
  )
}
