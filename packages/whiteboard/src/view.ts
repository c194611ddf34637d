import { createBoardUndoManager, type BoardDoc, type Shape } from '@tandem/schema'
import type { Awareness } from 'y-protocols/awareness'
import type * as Y from 'yjs'
import { fitBox, MAX_ZOOM, toBoard, viewBox, zoomAt, type Camera } from './camera.js'
import { exportPng, exportSvg } from './export.js'
import { shapeBounds, union, type Box } from './geometry.js'
import { readBoardPeers, type BoardPeer } from './presence.js'
import { drawOverlay } from './overlay.js'
import { drawShape } from './render.js'
import { ScenePainter } from './painter.js'
import { Scene } from './scene.js'
import { STROKE_COLORS, type ShapeStyle, type ToolId } from './tools.js'

/** How many paint durations {@link BoardView.paintTimes} keeps. */
const PAINT_SAMPLES = 2_000

/** What the toolbar and panels show; a new object whenever any of it changes. */
export interface BoardUiState {
  readonly tool: ToolId
  readonly zoom: number
  readonly selection: readonly string[]
  readonly style: ShapeStyle
  /** The sticky note or text being typed into, if any. */
  readonly editing: string | null
  /** A text shape placed but not typed into yet (not in the document): see the text tool. */
  readonly draftText: Shape | null
  readonly canUndo: boolean
  readonly canRedo: boolean
  readonly readOnly: boolean
  /** Camera, for positioning the text field over the canvas. */
  readonly camera: Camera
  /** Others on the board (name, colour, where they are), for the people menu. */
  readonly peers: readonly BoardPeer[]
  /** The awareness client id whose viewport this view follows, or null. */
  readonly following: number | null
}

/** Options of {@link BoardView}. */
export interface BoardViewOptions {
  board: BoardDoc
  /** Presence of the board (pointers, selections). @default null (nobody else shown) */
  awareness?: Awareness | null
  /** Viewer mode: pan and zoom only. @default false */
  readOnly?: boolean
  /** The local user's id, stored as `createdBy` on new shapes. @default null */
  userId?: string | null
}

/**
 * The whiteboard's state outside React (like tldraw's Editor): camera, tool, selection and the
 * canvas render loop. React only re-renders the toolbar when {@link BoardUiState} changes; the
 * canvas repaints at most once per animation frame, and only when something changed.
 */
export class BoardView {
  readonly board: BoardDoc
  readonly scene: Scene
  readonly undoManager: Y.UndoManager
  private readonly painter: ScenePainter
  readonly awareness: Awareness | null
  readonly userId: string | null
  private state: BoardUiState
  private readonly listeners = new Set<() => void>()
  private canvas: HTMLCanvasElement | null = null
  private frame = 0
  private size = { width: 0, height: 0 }
  private peers: BoardPeer[] = []
  /** Shapes drawn on top of the scene while a gesture runs (stroke preview, marquee). */
  overlay: { marquee: Box | null; draft: Shape | null } = { marquee: null, draft: null }
  /** Called after each paint with the names of peers whose pointers were drawn (tests, a11y). */
  onPaint: ((pointerNames: string[]) => void) | null = null
  /** Durations of the last paints in ms (at most {@link PAINT_SAMPLES}), for benchmarks. */
  readonly paintTimes: number[] = []
  private readonly cleanups: (() => void)[] = []

  constructor(options: BoardViewOptions) {
    this.board = options.board
    this.awareness = options.awareness ?? null
    this.userId = options.userId ?? null
    this.scene = new Scene(this.board)
    this.painter = new ScenePainter(this.scene)
    this.undoManager = createBoardUndoManager(this.board)
    this.state = {
      tool: 'select',
      zoom: 1,
      selection: [],
      style: { stroke: STROKE_COLORS[0].value, fill: 'none', strokeWidth: 2 },
      editing: null,
      draftText: null,
      canUndo: false,
      canRedo: false,
      readOnly: options.readOnly ?? false,
      camera: { x: 0, y: 0, zoom: 1 },
      peers: [],
      following: null,
    }
    this.cleanups.push(
      this.scene.subscribe((dirty) => {
        this.painter.invalidate(dirty)
        // Shapes someone else deleted leave the selection.
        const selection = this.state.selection.filter((id) => this.scene.get(id))
        if (selection.length !== this.state.selection.length) this.setSelection(selection)
        this.invalidate()
      }),
    )
    const onStack = (): void =>
      this.set({ canUndo: this.undoManager.canUndo(), canRedo: this.undoManager.canRedo() })
    for (const event of ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const) {
      this.undoManager.on(event, onStack)
      this.cleanups.push(() => this.undoManager.off(event, onStack))
    }
    if (this.awareness) {
      const awareness = this.awareness
      let listed = ''
      const onAwareness = (): void => {
        this.peers = readBoardPeers(awareness)
        // The UI list only changes when someone comes, goes or renames: not on pointer moves.
        const key = JSON.stringify(this.peers.map((p) => [p.clientId, p.name, p.color]))
        if (key !== listed) {
          listed = key
          this.set({ peers: this.peers })
        }
        this.followPeer()
        this.invalidate()
      }
      onAwareness()
      awareness.on('change', onAwareness)
      this.cleanups.push(() => awareness.off('change', onAwareness))
    }
  }

  /** The current UI state (stable object until something changes). */
  readonly getState = (): BoardUiState => this.state

  /** Calls `listener` on every UI state change; returns the unsubscribe function. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Merges `patch` into the UI state and notifies. */
  set(patch: Partial<BoardUiState>): void {
    const next = { ...this.state, ...patch }
    if (
      Object.keys(patch).every(
        (k) => next[k as keyof BoardUiState] === this.state[k as keyof BoardUiState],
      )
    ) {
      return
    }
    // The painter follows camera moves by itself (it shifts its layer when panning).
    if (next.editing !== this.state.editing) this.painter.invalidateAll()
    this.state = next
    for (const listener of this.listeners) listener()
  }

  get camera(): Camera {
    return this.state.camera
  }

  /** Moves the camera and repaints; a move of one's own stops following someone. */
  setCamera(camera: Camera, options: { follow?: boolean } = {}): void {
    this.set({ camera, zoom: camera.zoom, following: options.follow ? this.state.following : null })
    this.announceViewport()
    this.invalidate()
  }

  /** Follows the viewport of the peer with awareness `clientId` (null: stop). */
  follow(clientId: number | null): void {
    this.set({ following: clientId })
    this.followPeer()
  }

  private followPeer(): void {
    const id = this.state.following
    if (id === null) return
    const peer = this.peers.find((p) => p.clientId === id)
    if (!peer) {
      this.set({ following: null })
      return
    }
    if (peer.viewport && this.size.width > 0) {
      this.setCamera(fitBox(peer.viewport, this.size.width, this.size.height, 0, MAX_ZOOM), {
        follow: true,
      })
    }
  }

  private announceViewport(): void {
    if (!this.awareness || this.size.width === 0) return
    const box = viewBox(this.camera, this.size.width, this.size.height)
    this.awareness.setLocalStateField('viewport', box)
  }

  /** Selects exactly `ids` and tells others (awareness `selection`). */
  setSelection(ids: readonly string[]): void {
    this.set({ selection: ids })
    this.awareness?.setLocalStateField('selection', [...ids])
    this.invalidate()
  }

  /** Announces the local pointer in board coordinates (null: off the board). */
  setPointer(point: { x: number; y: number } | null): void {
    this.awareness?.setLocalStateField('pointer', point)
  }

  /** Switches tool; leaving select clears the selection. */
  setTool(tool: ToolId): void {
    if (this.state.readOnly && tool !== 'select' && tool !== 'hand') return
    this.set({ tool })
    if (tool !== 'select') this.setSelection([])
  }

  /** Changes the style for new shapes and applies it to the selection. */
  setStyle(patch: Partial<ShapeStyle>): void {
    this.set({ style: { ...this.state.style, ...patch } })
    if (this.state.readOnly || this.state.selection.length === 0) return
    this.board.update(Object.fromEntries(this.state.selection.map((id) => [id, patch])))
  }

  /** The selected shapes that still exist, bottom first. */
  selectedShapes(): Shape[] {
    const ids = new Set(this.state.selection)
    return this.scene.shapes().filter((shape) => ids.has(shape.id))
  }

  /** Bounds of the selection, or null. */
  selectionBounds(): Box | null {
    return union(this.selectedShapes().map((shape) => shapeBounds(shape, this.scene.get)))
  }

  deleteSelection(): void {
    if (this.state.readOnly) return
    this.board.delete(this.state.selection)
    this.setSelection([])
  }

  duplicateSelection(): void {
    if (this.state.readOnly || this.state.selection.length === 0) return
    this.setSelection(this.board.duplicate(this.state.selection))
  }

  bringToFront(): void {
    if (!this.state.readOnly) this.board.bringToFront(this.state.selection)
  }

  sendToBack(): void {
    if (!this.state.readOnly) this.board.sendToBack(this.state.selection)
  }

  /** Moves the selection by (dx, dy) board units (arrow keys). */
  nudge(dx: number, dy: number): void {
    if (this.state.readOnly) return
    const patches: Record<string, { x: number; y: number }> = {}
    for (const shape of this.selectedShapes())
      patches[shape.id] = { x: shape.x + dx, y: shape.y + dy }
    this.board.update(patches)
  }

  undo(): void {
    this.undoManager.undo()
  }

  redo(): void {
    this.undoManager.redo()
  }

  /** Zooms by `factor` around the screen point (sx, sy), the centre by default. */
  zoomBy(factor: number, sx = this.size.width / 2, sy = this.size.height / 2): void {
    this.setCamera(zoomAt(this.camera, sx, sy, factor))
  }

  /** Back to 100 %, keeping the centre. */
  resetZoom(): void {
    this.zoomBy(1 / this.camera.zoom)
  }

  /** Shows every shape, like tldraw's and Excalidraw's Shift+1. */
  zoomToFit(): void {
    const box = union(this.scene.shapes().map((shape) => shapeBounds(shape, this.scene.get)))
    if (box) this.setCamera(fitBox(box, this.size.width, this.size.height))
  }

  /** The selection (or the whole board) as an SVG document. */
  exportSvg(): string {
    return exportSvg(this.exportShapes(), this.scene.get)
  }

  /** The selection (or the whole board) as a PNG image. */
  exportPng(): Promise<Blob> {
    return exportPng(this.exportShapes(), this.scene.get)
  }

  private exportShapes(): readonly Shape[] {
    return this.state.selection.length > 0 ? this.selectedShapes() : this.scene.shapes()
  }

  /** Gives the keyboard to the canvas (after a text field closes, shortcuts work again). */
  focus(): void {
    this.canvas?.focus()
  }

  /** A board point from a client (page) point over the canvas. */
  boardPoint(clientX: number, clientY: number): { x: number; y: number } {
    const rect = this.canvas?.getBoundingClientRect()
    return toBoard(this.camera, clientX - (rect?.left ?? 0), clientY - (rect?.top ?? 0))
  }

  /** Starts painting into `canvas`, following its size; returns the function that stops it. */
  attach(canvas: HTMLCanvasElement): () => void {
    this.canvas = canvas
    const resize = (): void => {
      const rect = canvas.getBoundingClientRect()
      this.size = { width: rect.width, height: rect.height }
      const dpr = globalThis.devicePixelRatio || 1
      canvas.width = Math.max(1, Math.round(rect.width * dpr))
      canvas.height = Math.max(1, Math.round(rect.height * dpr))
      this.painter.invalidateAll()
      this.announceViewport()
      this.paint()
    }
    const observer = new ResizeObserver(resize)
    observer.observe(canvas)
    resize()
    return () => {
      observer.disconnect()
      cancelAnimationFrame(this.frame)
      this.frame = 0
      this.canvas = null
    }
  }

  /** Asks for a repaint on the next animation frame (many calls, one paint). */
  invalidate(): void {
    if (this.frame !== 0 || !this.canvas) return
    this.frame = requestAnimationFrame(() => {
      this.frame = 0
      this.paint()
    })
  }

  /**
   * Paints now: the shape layer (repainted where it changed, see ScenePainter), then the stroke
   * being drawn, selections and pointers on top.
   */
  paint(): void {
    const canvas = this.canvas
    const ctx = canvas?.getContext('2d')
    if (!canvas || !ctx) return
    const started = performance.now()
    const dpr = canvas.width / Math.max(1, this.size.width)
    const { x, y, zoom } = this.camera
    ctx.setTransform(1, 0, 0, 1, 0, 0)
    this.painter.paint(ctx, this.camera, this.size, dpr, this.state.editing)
    ctx.setTransform(dpr * zoom, 0, 0, dpr * zoom, -x * zoom * dpr, -y * zoom * dpr)
    if (this.overlay.draft) drawShape(ctx, this.overlay.draft, this.scene.get, zoom)
    const names = drawOverlay(
      ctx,
      {
        camera: this.camera,
        lookup: this.scene.get,
        selected: this.selectedShapes(),
        readOnly: this.state.readOnly,
        marquee: this.overlay.marquee,
        peers: this.peers,
      },
      dpr,
    )
    if (this.paintTimes.push(performance.now() - started) > PAINT_SAMPLES) this.paintTimes.shift()
    this.onPaint?.(names)
  }

  /** Stops everything (listeners, undo manager, scene). */
  destroy(): void {
    for (const cleanup of this.cleanups) cleanup()
    this.undoManager.destroy()
    this.scene.destroy()
    this.listeners.clear()
  }
}
