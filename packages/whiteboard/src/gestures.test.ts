import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { Awareness } from 'y-protocols/awareness'
import { boardDoc, type Shape } from '@tandem/schema'
import { Gestures } from './gestures.js'
import { handleBoardKey } from './keys.js'
import { PinchZoom } from './pinch.js'
import { BoardView } from './view.js'

/** A view without a canvas: board points equal client points at zoom 1. */
function setup() {
  const doc = new Y.Doc()
  const awareness = new Awareness(doc)
  const view = new BoardView({ board: boardDoc(doc), awareness, userId: 'u1' })
  const gestures = new Gestures(view)
  const pointer = (x: number, y: number, extra: Partial<PointerEvent> = {}) =>
    ({
      clientX: x,
      clientY: y,
      button: 0,
      shiftKey: false,
      pressure: 0.5,
      ...extra,
    }) as PointerEvent
  const dragTo = (
    from: [number, number],
    to: [number, number],
    extra: Partial<PointerEvent> = {},
  ) => {
    gestures.down(pointer(...from, extra))
    for (let i = 1; i <= 4; i++) {
      gestures.move(
        pointer(
          from[0] + ((to[0] - from[0]) * i) / 4,
          from[1] + ((to[1] - from[1]) * i) / 4,
          extra,
        ),
      )
    }
    gestures.up(pointer(...to, extra))
  }
  const click = (x: number, y: number, extra: Partial<PointerEvent> = {}) => {
    gestures.down(pointer(x, y, extra))
    gestures.up(pointer(x, y, extra))
  }
  const key = (k: string, extra: Partial<KeyboardEvent> = {}) =>
    handleBoardKey(view, {
      key: k,
      code: '',
      ctrlKey: false,
      metaKey: false,
      altKey: false,
      shiftKey: false,
      ...extra,
    } as KeyboardEvent)
  const shapes = (): Shape[] => view.board.list()
  return { view, gestures, dragTo, click, key, shapes, pointer, awareness }
}

describe('board gestures and keys', () => {
  it('draws a rectangle by dragging, then selects it and goes back to Select', () => {
    const { view, dragTo, key, shapes } = setup()
    expect(key('r')).toBe(true)
    expect(view.getState().tool).toBe('rectangle')
    dragTo([10, 20], [110, 70])
    expect(shapes()).toEqual([
      expect.objectContaining({ type: 'rectangle', x: 10, y: 20, w: 100, h: 50, createdBy: 'u1' }),
    ])
    expect(view.getState()).toMatchObject({ tool: 'select', selection: [shapes()[0]!.id] })
  })

  it('a click makes a default-sized shape; a click with the arrow tool makes nothing', () => {
    const { dragTo, key, shapes } = setup()
    key('o')
    dragTo([200, 200], [200, 200])
    expect(shapes()[0]).toMatchObject({ type: 'ellipse', w: 160, h: 100, x: 120, y: 150 })
    key('a')
    dragTo([500, 500], [501, 501])
    expect(shapes()).toHaveLength(1)
  })

  it('arrows bind to the shapes they start and end on, and follow them', () => {
    const { view, dragTo, key, shapes } = setup()
    key('r')
    dragTo([0, 0], [100, 100])
    key('g')
    dragTo([300, 0], [400, 100])
    key('a')
    dragTo([50, 50], [350, 50])
    const arrow = shapes().find((s) => s.type === 'arrow')!
    const [box, diamond] = shapes().filter((s) => s.type !== 'arrow')
    expect(arrow.start?.shapeId).toBe(box!.id)
    expect(arrow.end?.shapeId).toBe(diamond!.id)
    // Select and move the box: the arrow's start follows it.
    key('Escape')
    dragTo([20, 20], [20, 220])
    const ends = view.board.connectorEnds(view.board.get(arrow.id)!)
    expect(ends.y1).toBeGreaterThan(100)
  })

  it('selects with click, shift-click and marquee; moves, nudges, resizes, duplicates, deletes', () => {
    const { view, dragTo, key, shapes, click } = setup()
    key('r')
    dragTo([0, 0], [100, 100])
    key('r')
    dragTo([200, 0], [300, 100])
    const [a, b] = shapes()
    key('Escape')
    click(50, 50)
    click(250, 50, { shiftKey: true })
    expect([...view.getState().selection].sort()).toEqual([a!.id, b!.id].sort())
    key('Escape')
    dragTo([-50, -50], [150, 150])
    expect(view.getState().selection).toEqual([a!.id])
    key('ArrowRight', { shiftKey: true })
    expect(view.board.get(a!.id)).toMatchObject({ x: 10, y: 0 })
    // Drag the south-east handle of the selection box from (110, 100) to (210, 200).
    dragTo([110, 100], [210, 200])
    expect(view.board.get(a!.id)).toMatchObject({ x: 10, y: 0, w: 200, h: 200 })
    expect(key('d', { ctrlKey: true })).toBe(true)
    expect(shapes()).toHaveLength(3)
    key('Delete')
    expect(shapes()).toHaveLength(2)
    key(']')
    expect(key('a', { ctrlKey: true })).toBe(true)
    expect(view.getState().selection).toHaveLength(2)
  })

  it('rotates the selection with the handle above it; a rotated shape is hit in its own frame', () => {
    const { view, dragTo, key, shapes, click } = setup()
    key('r')
    dragTo([0, 0], [200, 20])
    // The handle sits 22 px above the top edge's middle; drag it to the right of the centre.
    dragTo([100, -22], [300, 10], { shiftKey: true })
    const bar = shapes()[0]!
    expect(bar.rotation).toBeCloseTo(Math.PI / 2, 5)
    expect(bar).toMatchObject({ x: 0, y: 0, w: 200, h: 20 })
    key('Escape')
    // Now upright: (100, 90) is on it, (20, 10) (the old left end) is not.
    click(100, 90)
    expect(view.getState().selection).toEqual([bar.id])
    key('Escape')
    click(20, 10)
    expect(view.getState().selection).toEqual([])
    // Turned by 45° its bounding box's corner is empty: a click there misses the ellipse.
    key('o')
    dragTo([400, 0], [600, 200])
    const ellipse = shapes().find((s) => s.type === 'ellipse')!
    view.board.update({ [ellipse.id]: { rotation: Math.PI / 4, y: 80, h: 40 } })
    key('Escape')
    click(500, 100)
    expect(view.getState().selection).toEqual([ellipse.id])
    key('Escape')
    click(430, 100)
    expect(view.getState().selection).toEqual([])
  })

  it('draws freehand strokes with points relative to their box, and erases them', () => {
    const { dragTo, key, shapes } = setup()
    key('d')
    dragTo([100, 100], [180, 140])
    const [stroke] = shapes()
    expect(stroke).toMatchObject({ type: 'draw', x: 100, y: 100, w: 80, h: 40 })
    expect(stroke!.points.slice(0, 2)).toEqual([0, 0])
    key('e')
    dragTo([140, 120], [141, 121])
    expect(shapes()).toEqual([])
  })

  it('undo takes back the local user’s last step only; read-only views do not draw', () => {
    const { view, dragTo, key, shapes } = setup()
    view.undoManager.captureTimeout = 0
    key('r')
    dragTo([0, 0], [50, 50])
    expect(key('z', { ctrlKey: true })).toBe(true)
    expect(shapes()).toEqual([])
    key('z', { ctrlKey: true, shiftKey: true })
    expect(shapes()).toHaveLength(1)
    // A sticky note (made on press, no drag) is one step too, and later steps stay separate.
    key('n')
    dragTo([300, 300], [300, 300])
    view.set({ editing: null })
    expect(view.undoManager.captureTimeout).toBe(0)
    key('z', { ctrlKey: true })
    expect(shapes()).toHaveLength(1)
    view.set({ readOnly: true })
    view.setTool('rectangle')
    expect(view.getState().tool).toBe('select')
    dragTo([200, 200], [300, 300])
    expect(shapes()).toHaveLength(1)
  })

  it('announces pointer and selection in awareness, and zooms around a point', () => {
    const { view, dragTo, key, awareness, gestures, pointer } = setup()
    key('r')
    dragTo([0, 0], [50, 50])
    gestures.move(pointer(70, 80))
    const state = awareness.getLocalState() as { pointer: unknown; selection: unknown }
    expect(state.pointer).toEqual({ x: 70, y: 80 })
    expect(state.selection).toEqual(view.getState().selection)
    view.zoomBy(2, 100, 100)
    expect(view.camera).toEqual({ x: 50, y: 50, zoom: 2 })
    expect(key('0', { ctrlKey: true })).toBe(true)
    expect(view.camera.zoom).toBe(1)
  })

  it('two fingers pinch-zoom about their midpoint and cancel the first finger’s drawing', () => {
    const { view, gestures, key, shapes, pointer } = setup()
    const pinch = new PinchZoom(view, () => gestures.cancel())
    const touch = (id: number, x: number, y: number) =>
      pointer(x, y, { pointerId: id, pointerType: 'touch' })
    const origin = { x: 0, y: 0 }
    key('r')
    expect(pinch.down(touch(1, 100, 100), origin)).toBe(false)
    gestures.down(touch(1, 100, 100))
    gestures.move(touch(1, 120, 120))
    expect(shapes()).toHaveLength(1)
    // The second finger: the half-drawn rectangle goes, the pinch begins.
    expect(pinch.down(touch(2, 300, 100), origin)).toBe(true)
    expect(shapes()).toHaveLength(0)
    expect(pinch.move(touch(2, 500, 100), origin)).toBe(true)
    // Fingers 200 -> 400 apart: twice the zoom; the midpoint moved from 200 to 300.
    expect(view.camera.zoom).toBeCloseTo(2)
    expect(pinch.up(touch(2, 500, 100))).toBe(true)
    expect(pinch.active).toBe(false)
    expect(pinch.up(touch(1, 100, 100))).toBe(false)
    expect(pinch.down(pointer(0, 0, { pointerType: 'mouse' }), origin)).toBe(false)
  })
})
