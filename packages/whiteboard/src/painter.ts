import type { Shape } from '@tandem/schema'
import { viewBox, type Camera } from './camera.js'
import { intersects, union, type Box } from './geometry.js'
import { drawShape } from './render.js'
import type { Scene } from './scene.js'

/** Beyond this many dirty areas one repaint of their union is cheaper than many clips. */
const MAX_DIRTY = 32

/**
 * Paints the shapes into a layer canvas of the screen's size and keeps it between frames, so a
 * frame that only moves pointers or selections copies the layer instead of repainting 5,000
 * shapes, and a peer dragging a few shapes repaints only the areas they left and entered
 * (clipped to whole device pixels, so no seams). Panning shifts the layer by whole device
 * pixels and paints only the strips that scrolled into view; zooming repaints everything.
 */
export class ScenePainter {
  private layer: HTMLCanvasElement | OffscreenCanvas | null = null
  private all = true
  private dirty: Box[] = []
  /** The camera the layer was painted with (snapped to device pixels). */
  private painted: Camera | null = null

  constructor(private readonly scene: Scene) {}

  /** Everything must be repainted (camera, size, text editing changed). */
  invalidateAll(): void {
    this.all = true
    this.dirty = []
  }

  /** These board areas must be repainted. */
  invalidate(boxes: readonly Box[]): void {
    if (this.all) return
    this.dirty.push(...boxes)
    if (this.dirty.length > MAX_DIRTY) this.dirty = [union(this.dirty) as Box]
  }

  /**
   * Brings the layer up to date and draws it into `target` (whose transform is the identity).
   * `skip` is a shape not to paint (the one being typed into, shown by the text field).
   */
  paint(
    target: CanvasRenderingContext2D,
    camera: Camera,
    size: { width: number; height: number },
    dpr: number,
    skip: string | null,
  ): void {
    const { width, height } = target.canvas
    if (!this.layer || this.layer.width !== width || this.layer.height !== height) {
      this.layer = createLayer(width, height)
      this.all = true
    }
    const ctx = this.layer.getContext('2d') as CanvasRenderingContext2D | null
    if (!ctx) return
    const scale = dpr * camera.zoom
    // Snapped to whole device pixels (at most half a pixel off), so a pan is an exact shift.
    camera = {
      x: Math.round(camera.x * scale) / scale,
      y: Math.round(camera.y * scale) / scale,
      zoom: camera.zoom,
    }
    const view = viewBox(camera, size.width, size.height)
    if (!this.all && this.painted && this.painted.zoom === camera.zoom) {
      this.shift(ctx, this.painted, camera, scale, size)
    } else if (this.painted?.zoom !== camera.zoom) {
      this.all = true
    }
    const toDevice = (box: Box): Box => {
      const x = Math.floor((box.x - camera.x) * scale)
      const y = Math.floor((box.y - camera.y) * scale)
      return {
        x,
        y,
        w: Math.ceil((box.x + box.w - camera.x) * scale) - x,
        h: Math.ceil((box.y + box.h - camera.y) * scale) - y,
      }
    }
    let areas: Box[] | null = null
    if (!this.all) {
      areas = this.dirty.filter((box) => intersects(box, view))
      if (areas.length === 0) {
        this.dirty = []
        target.drawImage(this.layer, 0, 0)
        return
      }
    }
    ctx.save()
    ctx.setTransform(1, 0, 0, 1, 0, 0)
    if (areas) {
      ctx.beginPath()
      for (const area of areas) {
        const d = toDevice(area)
        ctx.rect(d.x, d.y, d.w, d.h)
      }
      ctx.clip()
    }
    ctx.fillStyle = '#ffffff'
    ctx.fillRect(0, 0, width, height)
    ctx.setTransform(scale, 0, 0, scale, -camera.x * scale, -camera.y * scale)
    const region = areas ? (union(areas) as Box) : view
    const painted = this.scene.visible(region)
    for (const shape of painted) {
      if (shape.id === skip) continue
      if (areas && !touchesAny(shape, areas, this.scene)) continue
      drawShape(ctx, shape, this.scene.get, camera.zoom)
    }
    ctx.restore()
    this.all = false
    this.dirty = []
    this.painted = camera
    target.drawImage(this.layer, 0, 0)
  }

  /** Moves the layer's pixels with the camera and marks the strips that came into view. */
  private shift(
    ctx: CanvasRenderingContext2D,
    from: Camera,
    to: Camera,
    scale: number,
    size: { width: number; height: number },
  ): void {
    const dx = Math.round((from.x - to.x) * scale)
    const dy = Math.round((from.y - to.y) * scale)
    if (dx === 0 && dy === 0) return
    const { width, height } = ctx.canvas
    if (Math.abs(dx) >= width || Math.abs(dy) >= height) {
      this.all = true
      return
    }
    ctx.save()
    ctx.setTransform(1, 0, 0, 1, 0, 0)
    ctx.globalCompositeOperation = 'copy'
    ctx.drawImage(ctx.canvas, dx, dy)
    ctx.restore()
    // Strips in board units, a device pixel wider so their edges are repainted whole.
    const view = viewBox(to, size.width, size.height)
    const px = 1 / scale
    if (dx > 0) this.invalidate([{ x: view.x, y: view.y, w: dx / scale + px, h: view.h }])
    if (dx < 0)
      this.invalidate([
        { x: view.x + view.w + dx / scale - px, y: view.y, w: -dx / scale + px, h: view.h },
      ])
    if (dy > 0) this.invalidate([{ x: view.x, y: view.y, w: view.w, h: dy / scale + px }])
    if (dy < 0)
      this.invalidate([
        { x: view.x, y: view.y + view.h + dy / scale - px, w: view.w, h: -dy / scale + px },
      ])
  }
}

function touchesAny(shape: Shape, areas: readonly Box[], scene: Scene): boolean {
  const bounds = scene.paintBounds(shape)
  return areas.some((area) => intersects(bounds, area))
}

function createLayer(width: number, height: number): HTMLCanvasElement | OffscreenCanvas {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(width, height)
  const canvas = document.createElement('canvas')
  canvas.width = width
  canvas.height = height
  return canvas
}
