import { newId, SHAPE_DEFAULTS, type Shape } from '@tandem/schema'
import { strokeDraft, strokeShape } from './stroke.js'
import { boxFromPoints, contains, intersects, shapeBounds, type Box } from './geometry.js'
import { cornerHandles, rotateHandle } from './overlay.js'
import { bindingAt, shapeAt } from './picking.js'
import { movedPatch, opposite, resizedPatch, rotatedPatch } from './transforms.js'
import type { BoardView } from './view.js'

/** Pointer travel (screen px) below which a press is a click, not a drag. */
const CLICK_SLOP = 4
/** Size of a shape made by a click instead of a drag. */
const DEFAULT_SIZE = { w: 160, h: 100 }
const STICKY_SIZE = 200

type Point = { x: number; y: number }

type Gesture =
  | { kind: 'idle' }
  | { kind: 'pan'; startX: number; startY: number; camera: { x: number; y: number; zoom: number } }
  | { kind: 'move'; start: Point; originals: Shape[]; moved: boolean }
  | { kind: 'resize'; fixed: Point; box: Box; originals: Shape[] }
  | { kind: 'rotate'; center: Point; start: number; originals: Shape[] }
  | { kind: 'marquee'; start: Point; base: readonly string[] }
  | { kind: 'create'; id: string; start: Point; startScreen: Point }
  | { kind: 'connect'; id: string; start: Point; startScreen: Point }
  | { kind: 'draw'; origin: Point; points: number[] }
  | { kind: 'erase' }

/**
 * The pointer gestures of every tool, as one small state machine: a press starts a gesture
 * (pan, move, resize, marquee, create, connect, draw, erase), moves update it, release ends it.
 * Changes are written to the board as they happen, so others see a shape move while it is
 * dragged; a freehand stroke is previewed locally and written once, when it is finished.
 */
export class Gestures {
  private gesture: Gesture = { kind: 'idle' }
  private captureTimeout: number | null = null
  constructor(private readonly view: BoardView) {}

  /**
   * One gesture is one undo step however long it takes: Y.UndoManager merges changes closer
   * than `captureTimeout`, so it is infinite while the pointer is down, with a fresh step at
   * the start and the end.
   */
  private beginStep(): void {
    const undo = this.view.undoManager
    undo.stopCapturing()
    this.captureTimeout ??= undo.captureTimeout
    undo.captureTimeout = Number.POSITIVE_INFINITY
  }

  private endStep(): void {
    if (this.captureTimeout === null) return
    const undo = this.view.undoManager
    undo.captureTimeout = this.captureTimeout
    this.captureTimeout = null
    undo.stopCapturing()
  }

  /**
   * Abandons the gesture under way (a second finger turned it into a pinch): a shape it began
   * creating is removed, a stroke preview dropped, what it moved stays where it is.
   */
  cancel(): void {
    const g = this.gesture
    this.gesture = { kind: 'idle' }
    if (g.kind === 'create' || g.kind === 'connect') this.view.board.delete([g.id])
    this.view.overlay = { marquee: null, draft: null }
    this.view.invalidate()
    this.endStep()
  }

  /** True while a press is being handled. */
  get active(): boolean {
    return this.gesture.kind !== 'idle'
  }

  down(event: PointerEvent): void {
    const view = this.view
    const p = view.boardPoint(event.clientX, event.clientY)
    const screen = { x: event.clientX, y: event.clientY }
    const { tool, readOnly, style } = view.getState()
    this.beginStep()
    if (tool === 'hand' || event.button === 1 || readOnly) {
      this.gesture = { kind: 'pan', startX: screen.x, startY: screen.y, camera: view.camera }
      return
    }
    const base = { ...style, createdBy: view.userId }
    switch (tool) {
      case 'select':
        this.startSelect(p, event.shiftKey)
        return
      case 'rectangle':
      case 'ellipse':
      case 'diamond': {
        const shape = view.board.add({ ...base, type: tool, x: p.x, y: p.y, w: 0, h: 0 })
        this.gesture = { kind: 'create', id: shape.id, start: p, startScreen: screen }
        return
      }
      case 'sticky': {
        const half = STICKY_SIZE / 2
        const shape = view.board.add({
          ...base,
          type: 'sticky',
          stroke: SHAPE_DEFAULTS.stroke,
          fill: style.fill === 'none' ? '#ffec99' : style.fill,
          x: p.x - half,
          y: p.y - half,
          w: STICKY_SIZE,
          h: STICKY_SIZE,
        })
        this.finishCreating(shape.id, true)
        return
      }
      case 'text': {
        // Not written yet: the text field adds it with the first character typed, so an
        // abandoned click leaves nothing behind (in the document or the undo history).
        const draftText: Shape = {
          ...SHAPE_DEFAULTS,
          ...base,
          id: newId(),
          type: 'text',
          z: 'a0',
          fill: 'none',
          x: p.x,
          y: p.y - 15,
          w: 8,
          h: 30,
        }
        view.set({ tool: 'select', draftText, editing: draftText.id })
        view.setSelection([])
        return
      }
      case 'arrow':
      case 'line': {
        const shape = view.board.add({
          ...base,
          type: tool,
          fill: 'none',
          x: p.x,
          y: p.y,
          w: 0,
          h: 0,
        })
        const start = bindingAt(view, p, shape.id)
        if (start) view.board.update({ [shape.id]: { start } })
        this.gesture = { kind: 'connect', id: shape.id, start: p, startScreen: screen }
        return
      }
      case 'draw':
        this.gesture = { kind: 'draw', origin: p, points: [0, 0, event.pressure] }
        this.preview()
        return
      case 'eraser':
        this.gesture = { kind: 'erase' }
        this.erase(p)
        return
      default: {
        const never: never = tool
        throw new Error(`unknown tool ${String(never)}`)
      }
    }
  }

  move(event: PointerEvent): void {
    const view = this.view
    const p = view.boardPoint(event.clientX, event.clientY)
    view.setPointer(p)
    const g = this.gesture
    switch (g.kind) {
      case 'idle':
        return
      case 'pan': {
        const zoom = g.camera.zoom
        view.setCamera({
          x: g.camera.x - (event.clientX - g.startX) / zoom,
          y: g.camera.y - (event.clientY - g.startY) / zoom,
          zoom,
        })
        return
      }
      case 'move': {
        const dx = p.x - g.start.x
        const dy = p.y - g.start.y
        g.moved = true
        view.board.update(Object.fromEntries(g.originals.map((s) => [s.id, movedPatch(s, dx, dy)])))
        return
      }
      case 'resize': {
        const to = boxFromPoints(g.fixed.x, g.fixed.y, p.x, p.y)
        view.board.update(
          Object.fromEntries(g.originals.map((s) => [s.id, resizedPatch(s, g.box, to)])),
        )
        return
      }
      case 'rotate': {
        let delta = Math.atan2(p.y - g.center.y, p.x - g.center.x) - g.start
        // Shift snaps to 15° steps, as in tldraw and Excalidraw.
        if (event.shiftKey) delta = Math.round(delta / (Math.PI / 12)) * (Math.PI / 12)
        view.board.update(
          Object.fromEntries(g.originals.map((s) => [s.id, rotatedPatch(s, g.center, delta)])),
        )
        return
      }
      case 'marquee': {
        const box = boxFromPoints(g.start.x, g.start.y, p.x, p.y)
        view.overlay.marquee = box
        const inside = view.scene
          .visible(box)
          .filter((s) => intersects(shapeBounds(s, view.scene.get), box))
          .map((s) => s.id)
        view.setSelection([...new Set([...g.base, ...inside])])
        return
      }
      case 'create':
        view.board.update({ [g.id]: boxFromPoints(g.start.x, g.start.y, p.x, p.y) })
        return
      case 'connect':
        view.board.update({ [g.id]: { w: p.x - g.start.x, h: p.y - g.start.y } })
        return
      case 'draw':
        g.points.push(p.x - g.origin.x, p.y - g.origin.y, event.pressure)
        this.preview()
        return
      case 'erase':
        this.erase(p)
        return
      default: {
        const never: never = g
        throw new Error(`unknown gesture ${JSON.stringify(never)}`)
      }
    }
  }

  up(event: PointerEvent): void {
    const view = this.view
    const g = this.gesture
    this.gesture = { kind: 'idle' }
    const p = view.boardPoint(event.clientX, event.clientY)
    try {
      if (g.kind !== 'idle') this.finish(g, p, event)
    } finally {
      this.endStep()
    }
  }

  private finish(g: Exclude<Gesture, { kind: 'idle' }>, p: Point, event: PointerEvent): void {
    const view = this.view
    const click = (start: Point) =>
      Math.hypot(event.clientX - start.x, event.clientY - start.y) < CLICK_SLOP
    switch (g.kind) {
      case 'marquee':
        view.overlay.marquee = null
        view.invalidate()
        return
      case 'create':
        if (click(g.startScreen)) {
          view.board.update({
            [g.id]: {
              x: g.start.x - DEFAULT_SIZE.w / 2,
              y: g.start.y - DEFAULT_SIZE.h / 2,
              ...DEFAULT_SIZE,
            },
          })
        }
        this.finishCreating(g.id, false)
        return
      case 'connect': {
        if (click(g.startScreen)) {
          view.board.delete([g.id])
          return
        }
        const end = bindingAt(view, p, g.id)
        if (end) view.board.update({ [g.id]: { end } })
        this.finishCreating(g.id, false)
        return
      }
      case 'draw':
        this.commitStroke(g.origin, g.points)
        return
      case 'move':
      case 'resize':
      case 'rotate':
      case 'pan':
      case 'erase':
        return
      default: {
        const never: never = g
        throw new Error(`unknown gesture ${JSON.stringify(never)}`)
      }
    }
  }

  /** Double click: type into a sticky note or text shape. */
  doubleClick(event: MouseEvent): void {
    const view = this.view
    if (view.getState().readOnly) return
    const shape = shapeAt(view, view.boardPoint(event.clientX, event.clientY))
    if (shape && (shape.type === 'sticky' || shape.type === 'text')) {
      view.setSelection([shape.id])
      view.set({ editing: shape.id })
    }
  }

  private startSelect(p: Point, shift: boolean): void {
    const view = this.view
    const selection = view.getState().selection
    const box = view.selectionBounds()
    if (box && contains(rotateHandle(box, view.camera.zoom), { ...p, w: 0, h: 0 })) {
      const center = { x: box.x + box.w / 2, y: box.y + box.h / 2 }
      const start = Math.atan2(p.y - center.y, p.x - center.x)
      this.gesture = { kind: 'rotate', center, start, originals: view.selectedShapes() }
      return
    }
    if (box) {
      const handle = cornerHandles(box, view.camera.zoom).find((h) =>
        contains(h.box, { ...p, w: 0, h: 0 }),
      )
      if (handle) {
        const fixed = opposite(box, handle.corner)
        this.gesture = { kind: 'resize', fixed, box, originals: view.selectedShapes() }
        return
      }
    }
    const hit = shapeAt(view, p)
    if (!hit) {
      if (!shift) view.setSelection([])
      this.gesture = { kind: 'marquee', start: p, base: shift ? selection : [] }
      return
    }
    if (shift) {
      view.setSelection(
        selection.includes(hit.id)
          ? selection.filter((id) => id !== hit.id)
          : [...selection, hit.id],
      )
    } else if (!selection.includes(hit.id)) {
      view.setSelection([hit.id])
    }
    this.gesture = { kind: 'move', start: p, originals: view.selectedShapes(), moved: false }
  }

  private finishCreating(id: string, edit: boolean): void {
    const view = this.view
    view.set({ tool: 'select', editing: edit ? id : null })
    view.setSelection([id])
  }

  private preview(): void {
    const g = this.gesture
    if (g.kind !== 'draw') return
    this.view.overlay.draft = strokeDraft(g.origin, g.points, this.view.getState().style)
    this.view.invalidate()
  }

  private commitStroke(origin: Point, points: number[]): void {
    const view = this.view
    view.overlay.draft = null
    view.invalidate()
    const stroke = strokeShape(origin, points, view.getState().style)
    if (stroke) view.board.add({ ...stroke, createdBy: view.userId })
  }

  private erase(p: Point): void {
    const hit = shapeAt(this.view, p)
    if (hit) this.view.board.delete([hit.id])
  }
}
