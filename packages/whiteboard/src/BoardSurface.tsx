import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react'
import { FollowMenu } from './FollowMenu.js'
import { Gestures } from './gestures.js'
import { handleBoardKey } from './keys.js'
import { PinchZoom } from './pinch.js'
import { ShapeTextField } from './ShapeTextField.js'
import { StylePanel } from './StylePanel.js'
import { BoardToolbar } from './Toolbar.js'
import type { BoardView } from './view.js'
import { ZoomControls } from './ZoomControls.js'

function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** What {@link BoardSurface} gets from the Whiteboard (its props, resolved). */
export interface BoardSurfaceProps {
  view: BoardView
  readOnly: boolean
  label: string
  autoFocus: boolean
  onReady: ((view: BoardView) => void) | undefined
  className: string | undefined
}

/** The canvas with its pointer, wheel and key handling, and the panels around it. */
export function BoardSurface({
  view,
  readOnly,
  label,
  autoFocus,
  onReady,
  className,
}: BoardSurfaceProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null)
  const [pointerNames, setPointerNames] = useState('')

  const gestures = useMemo(() => new Gestures(view), [view])
  const pinch = useMemo(() => new PinchZoom(view, () => gestures.cancel()), [view, gestures])
  const origin = (): { x: number; y: number } => {
    const rect = canvasRef.current?.getBoundingClientRect()
    return { x: rect?.left ?? 0, y: rect?.top ?? 0 }
  }
  useEffect(() => view.set({ readOnly }), [view, readOnly])
  const state = useSyncExternalStore(view.subscribe, view.getState)

  useEffect(() => {
    const canvas = canvasRef.current
    if (!canvas) return
    view.onPaint = (names) => setPointerNames(names.join(','))
    const detach = view.attach(canvas)
    if (autoFocus) canvas.focus()
    onReady?.(view)
    // Wheel zooms around the pointer (pinch on a touchpad arrives as ctrl+wheel). A passive
    // React listener could not prevent the page from scrolling, hence addEventListener.
    const onWheel = (event: WheelEvent): void => {
      event.preventDefault()
      const rect = canvas.getBoundingClientRect()
      const factor = Math.exp(-event.deltaY * (event.ctrlKey ? 0.01 : 0.0015))
      view.zoomBy(factor, event.clientX - rect.left, event.clientY - rect.top)
    }
    canvas.addEventListener('wheel', onWheel, { passive: false })
    return () => {
      canvas.removeEventListener('wheel', onWheel)
      view.onPaint = null
      detach()
    }
  }, [view, onReady, autoFocus])

  const onExport = (format: 'png' | 'svg'): void => {
    if (format === 'svg')
      download('board.svg', new Blob([view.exportSvg()], { type: 'image/svg+xml' }))
    else void view.exportPng().then((blob) => download('board.png', blob))
  }

  return (
    <div
      className={['tandem-board', className].filter(Boolean).join(' ')}
      data-tool={state.tool}
      data-readonly={readOnly || undefined}
      data-pointers={pointerNames}
      data-selection={state.selection.length}
      tabIndex={-1}
      onKeyDown={(event) => {
        if (event.target instanceof HTMLTextAreaElement || event.target instanceof HTMLInputElement)
          return
        if (handleBoardKey(view, event.nativeEvent)) event.preventDefault()
      }}
    >
      <canvas
        ref={canvasRef}
        className="tandem-board__canvas"
        aria-label={label}
        tabIndex={0}
        data-testid="board-canvas"
        onPointerDown={(event) => {
          if (event.button === 2) return
          event.currentTarget.focus()
          event.currentTarget.setPointerCapture(event.pointerId)
          if (!pinch.down(event.nativeEvent, origin())) gestures.down(event.nativeEvent)
        }}
        // The press focuses the canvas itself (above); the browser's own focus move on
        // mousedown would steal focus back from a text field the press just opened.
        onMouseDown={(event) => event.preventDefault()}
        onPointerMove={(event) => {
          if (!pinch.move(event.nativeEvent, origin())) gestures.move(event.nativeEvent)
        }}
        onPointerUp={(event) => {
          if (!pinch.up(event.nativeEvent)) gestures.up(event.nativeEvent)
        }}
        onPointerCancel={(event) => {
          if (!pinch.up(event.nativeEvent)) gestures.up(event.nativeEvent)
        }}
        onPointerLeave={() => {
          if (!gestures.active) view.setPointer(null)
        }}
        onDoubleClick={(event) => gestures.doubleClick(event.nativeEvent)}
      />
      <BoardToolbar view={view} state={state} onExport={onExport} />
      <StylePanel view={view} state={state} />
      <ZoomControls view={view} state={state} />
      <FollowMenu view={view} state={state} />
      <ShapeTextField view={view} state={state} />
    </div>
  )
}
