import type { Box } from './geometry.js'

/** What part of the board the screen shows: board point (x, y) is at the top-left corner. */
export interface Camera {
  readonly x: number
  readonly y: number
  readonly zoom: number
}

export const MIN_ZOOM = 0.05
export const MAX_ZOOM = 8

/** A board point from a point on the canvas (CSS pixels). */
export function toBoard(camera: Camera, sx: number, sy: number): { x: number; y: number } {
  return { x: camera.x + sx / camera.zoom, y: camera.y + sy / camera.zoom }
}

/** A canvas point (CSS pixels) from a board point. */
export function toScreen(camera: Camera, x: number, y: number): { x: number; y: number } {
  return { x: (x - camera.x) * camera.zoom, y: (y - camera.y) * camera.zoom }
}

/** Zooms by `factor` keeping the board point under (sx, sy) where it is on screen. */
export function zoomAt(camera: Camera, sx: number, sy: number, factor: number): Camera {
  const zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, camera.zoom * factor))
  const anchor = toBoard(camera, sx, sy)
  return { x: anchor.x - sx / zoom, y: anchor.y - sy / zoom, zoom }
}

/** The board area the screen shows. */
export function viewBox(camera: Camera, width: number, height: number): Box {
  return { x: camera.x, y: camera.y, w: width / camera.zoom, h: height / camera.zoom }
}

/** A camera that shows `box` whole, centred, with a margin, at no more than `maxZoom`. */
export function fitBox(box: Box, width: number, height: number, margin = 72, maxZoom = 1): Camera {
  const zoom = Math.min(
    maxZoom,
    MAX_ZOOM,
    Math.max(
      MIN_ZOOM,
      Math.min(
        (width - margin * 2) / Math.max(box.w, 1),
        (height - margin * 2) / Math.max(box.h, 1),
      ),
    ),
  )
  return {
    x: box.x + box.w / 2 - width / 2 / zoom,
    y: box.y + box.h / 2 - height / 2 / zoom,
    zoom,
  }
}
