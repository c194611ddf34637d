import { isConnector, type Binding, type Shape } from '@tandem/schema'
import { hitShape } from './geometry.js'
import type { BoardView } from './view.js'

type Point = { x: number; y: number }

/** The topmost shape under board point `p` (skipping `except`), or null. */
export function shapeAt(view: BoardView, p: Point, except?: string): Shape | null {
  const tolerance = 4 / view.camera.zoom
  const shapes = view.scene.shapes()
  for (let i = shapes.length - 1; i >= 0; i--) {
    const shape = shapes[i] as Shape
    if (shape.id !== except && hitShape(shape, p.x, p.y, tolerance, view.scene.get)) return shape
  }
  return null
}

/** A binding to the shape under `p` (not a connector, not `except`), or null. */
export function bindingAt(view: BoardView, p: Point, except: string): Binding | null {
  const target = shapeAt(view, p, except)
  // Bound to the centre, like Excalidraw: the end then stops at the border (see connectorEnds).
  return target && !isConnector(target.type) ? { shapeId: target.id, nx: 0.5, ny: 0.5 } : null
}
