import { boardSvgBounds, boardToSvg, type Shape } from '@tandem/schema'
import { strokePath } from './freehand.js'
import type { Box, ShapeLookup } from './geometry.js'
import { drawShape, FONT_FAMILY, wrapText } from './render.js'

/** Largest PNG side in pixels, so a sprawling board does not allocate a gigantic canvas. */
const MAX_PNG_SIDE = 8192

/** The area an export covers: every given shape plus a margin; null when there are none. */
export function exportBounds(shapes: readonly Shape[], lookup: ShapeLookup): Box | null {
  return boardSvgBounds(shapes, lookup)
}

/**
 * The shapes as a standalone SVG document (white background), bottom shape first: the schema's
 * serializer (the one the server's export uses), with perfect-freehand outlines and text
 * wrapped as the canvas measures it.
 */
export function exportSvg(shapes: readonly Shape[], lookup: ShapeLookup): string {
  const measure =
    typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d')
  return boardToSvg(shapes, lookup, {
    strokeOutline: strokePath,
    wrapText: measure
      ? (text, size, width) => {
          measure.font = `${size}px ${FONT_FAMILY}`
          return wrapText(measure, text, width)
        }
      : undefined,
  })
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
