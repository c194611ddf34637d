import { zoomAt, type Camera } from './camera.js'
import type { BoardView } from './view.js'

type Point = { x: number; y: number }

/**
 * Two-finger pinch on touch screens: zooms about the fingers' midpoint and pans with it.
 * Returns true from each handler when it took the event, so the tool gesture does not.
 */
export class PinchZoom {
  private readonly touches = new Map<number, Point>()
  private start: { distance: number; mid: Point; camera: Camera } | null = null

  constructor(
    private readonly view: BoardView,
    /** Called when a second finger lands: the first finger's tool gesture must stop. */
    private readonly onStart: () => void,
  ) {}

  /** True while two fingers are pinching. */
  get active(): boolean {
    return this.start !== null
  }

  down(event: PointerEvent, origin: Point): boolean {
    if (event.pointerType !== 'touch') return false
    this.touches.set(event.pointerId, { x: event.clientX - origin.x, y: event.clientY - origin.y })
    if (this.touches.size !== 2) return this.start !== null || this.touches.size > 2
    const [a, b] = [...this.touches.values()] as [Point, Point]
    this.onStart()
    this.start = {
      distance: Math.max(1, distance(a, b)),
      mid: midpoint(a, b),
      camera: this.view.camera,
    }
    return true
  }

  move(event: PointerEvent, origin: Point): boolean {
    if (!this.touches.has(event.pointerId)) return false
    this.touches.set(event.pointerId, { x: event.clientX - origin.x, y: event.clientY - origin.y })
    if (!this.start || this.touches.size !== 2) return this.start !== null
    const [a, b] = [...this.touches.values()] as [Point, Point]
    const mid = midpoint(a, b)
    const zoomed = zoomAt(
      this.start.camera,
      this.start.mid.x,
      this.start.mid.y,
      distance(a, b) / this.start.distance,
    )
    // Then pan so the board point under the starting midpoint follows the fingers.
    this.view.setCamera({
      x: zoomed.x - (mid.x - this.start.mid.x) / zoomed.zoom,
      y: zoomed.y - (mid.y - this.start.mid.y) / zoomed.zoom,
      zoom: zoomed.zoom,
    })
    return true
  }

  up(event: PointerEvent): boolean {
    if (!this.touches.delete(event.pointerId)) return false
    const was = this.start !== null
    if (this.touches.size < 2) this.start = null
    return was
  }
}

function distance(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y)
}

function midpoint(a: Point, b: Point): Point {
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 }
}
