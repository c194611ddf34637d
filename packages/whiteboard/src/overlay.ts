import { FONT_FAMILY } from './render.js'
import { inflate, shapeBounds, union, type Box } from './geometry.js'
import { toScreen, type Camera } from './camera.js'
import type { ShapeLookup } from './geometry.js'
import type { BoardPeer } from './presence.js'
import type { Shape } from '@tandem/schema'

/** What the overlay shows, handed over by the view. */
export interface OverlayInput {
  readonly camera: Camera
  readonly lookup: ShapeLookup
  /** The local selection, bottom first. */
  readonly selected: readonly Shape[]
  /** No resize handles when the board is read-only. */
  readonly readOnly: boolean
  readonly marquee: Box | null
  readonly peers: readonly BoardPeer[]
}

/** Colour of the local selection and marquee (tldraw's blue). */
export const SELECTION_COLOR = '#4465e9'
/** Size of a resize handle in screen pixels. */
export const HANDLE_SIZE = 8

/** The four corner handles of a box, in board units, for the current zoom. */
export function cornerHandles(box: Box, zoom: number): { corner: Corner; box: Box }[] {
  const s = HANDLE_SIZE / zoom
  const corners: [Corner, number, number][] = [
    ['nw', box.x, box.y],
    ['ne', box.x + box.w, box.y],
    ['se', box.x + box.w, box.y + box.h],
    ['sw', box.x, box.y + box.h],
  ]
  return corners.map(([corner, x, y]) => ({
    corner,
    box: { x: x - s / 2, y: y - s / 2, w: s, h: s },
  }))
}

/** Distance of the rotation handle above the selection box, in screen pixels. */
const ROTATE_OFFSET = 22

/** The rotation handle above the selection box's top edge, in board units. */
export function rotateHandle(box: Box, zoom: number): Box {
  const s = (HANDLE_SIZE + 2) / zoom
  return { x: box.x + box.w / 2 - s / 2, y: box.y - ROTATE_OFFSET / zoom - s / 2, w: s, h: s }
}

/** A corner of the selection box. */
export type Corner = 'nw' | 'ne' | 'se' | 'sw'

function outline(ctx: CanvasRenderingContext2D, box: Box, color: string, zoom: number): void {
  ctx.strokeStyle = color
  ctx.lineWidth = 1.5 / zoom
  ctx.strokeRect(box.x, box.y, box.w, box.h)
}

/**
 * Draws what is not content: others' selections in their colour, the local selection with its
 * handles, the marquee, then others' pointers with name tags (in screen space, so tags keep
 * their size at any zoom). Returns the names whose pointers were drawn.
 */
export function drawOverlay(
  ctx: CanvasRenderingContext2D,
  input: OverlayInput,
  dpr: number,
): string[] {
  const { camera, lookup, selected, peers, marquee } = input
  const { zoom } = camera
  for (const peer of peers) {
    for (const id of peer.selection) {
      const shape = lookup(id)
      if (shape) outline(ctx, inflate(shapeBounds(shape, lookup), 4 / zoom), peer.color, zoom)
    }
  }
  for (const shape of selected) outline(ctx, shapeBounds(shape, lookup), SELECTION_COLOR, zoom)
  const box = union(selected.map((shape) => shapeBounds(shape, lookup)))
  if (box && !input.readOnly) {
    if (selected.length > 1) outline(ctx, box, SELECTION_COLOR, zoom)
    const rotate = rotateHandle(box, zoom)
    ctx.beginPath()
    ctx.moveTo(box.x + box.w / 2, box.y)
    ctx.lineTo(box.x + box.w / 2, rotate.y + rotate.h)
    ctx.strokeStyle = SELECTION_COLOR
    ctx.lineWidth = 1 / zoom
    ctx.stroke()
    ctx.beginPath()
    ctx.arc(rotate.x + rotate.w / 2, rotate.y + rotate.h / 2, rotate.w / 2, 0, Math.PI * 2)
    ctx.fillStyle = '#ffffff'
    ctx.fill()
    ctx.lineWidth = 1.5 / zoom
    ctx.stroke()
    for (const handle of cornerHandles(box, zoom)) {
      ctx.fillStyle = '#ffffff'
      ctx.fillRect(handle.box.x, handle.box.y, handle.box.w, handle.box.h)
      outline(ctx, handle.box, SELECTION_COLOR, zoom)
    }
  }
  if (marquee) {
    ctx.fillStyle = 'rgba(68, 101, 233, 0.08)'
    ctx.fillRect(marquee.x, marquee.y, marquee.w, marquee.h)
    outline(ctx, marquee, SELECTION_COLOR, zoom)
  }

  ctx.setTransform(dpr, 0, 0, dpr, 0, 0)
  ctx.font = `12px ${FONT_FAMILY}`
  ctx.textBaseline = 'middle'
  const names: string[] = []
  for (const peer of peers) {
    if (!peer.pointer) continue
    const { x, y } = toScreen(camera, peer.pointer.x, peer.pointer.y)
    ctx.fillStyle = peer.color
    ctx.strokeStyle = '#ffffff'
    ctx.lineWidth = 1.5
    ctx.beginPath()
    ctx.moveTo(x, y)
    ctx.lineTo(x, y + 16)
    ctx.lineTo(x + 4.5, y + 12)
    ctx.lineTo(x + 11, y + 12)
    ctx.closePath()
    ctx.fill()
    ctx.stroke()
    const width = ctx.measureText(peer.name).width + 10
    ctx.fillRect(x + 10, y + 16, width, 18)
    ctx.fillStyle = '#ffffff'
    ctx.fillText(peer.name, x + 15, y + 25)
    names.push(peer.name)
  }
  return names.sort()
}
