import { boardDoc } from '@tandem/schema'
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react'
import type { Awareness } from 'y-protocols/awareness'
import type * as Y from 'yjs'
import { FollowMenu } from './FollowMenu.js'
import { handleBoardKey } from './keys.js'
import { Gestures } from './gestures.js'
import { ShapeTextField } from './ShapeTextField.js'
import { StylePanel } from './StylePanel.js'
import { BoardToolbar } from './Toolbar.js'
import { BoardView } from './view.js'
import { ZoomControls } from './ZoomControls.js'

/**
 * What the whiteboard needs from an open document: a `DocHandle` from `@tandem/client` fits,
 * and so does a stock HocuspocusProvider's `document` + `awareness`.
 */
export interface BoardDocument {
  readonly doc: Y.Doc
  readonly awareness?: Awareness | null
  /** The connection may not write (viewer). @default false */
  readonly readOnly?: boolean
  /** Status changes; followed so a handle that turns read-only mid-session locks the board. */
  onStatus?(listener: (status: { readonly readOnly: boolean }) => void): () => void
}

/** The person at the keyboard, as shown to others on the board. */
export interface BoardUser {
  readonly id: string
  readonly name: string
  readonly color: string
}

/** Props of {@link Whiteboard}: pass `handle`, or `doc` (and `awareness`) directly. */
export interface WhiteboardProps {
  /** An open `board:<id>` document, e.g. `client.open('board:plan')`. Ignored when `doc` is given. */
  handle?: BoardDocument
  /** The `board:<id>` Y.Doc; takes precedence over `handle.doc`. */
  doc?: Y.Doc
  /** Presence of the board. @default handle?.awareness ?? null (no pointers) */
  awareness?: Awareness | null
  /** The local user; announced in awareness as `user` (pointer name tag). @default undefined (the host announces it) */
  user?: BoardUser
  /** Viewer mode: pan, zoom and export only. @default handle?.readOnly ?? false */
  readOnly?: boolean
  /** Accessible name of the drawing surface. @default 'Board' */
  label?: string
  /** Called once the view exists (tests, host integrations). @default undefined */
  onReady?: (view: BoardView) => void
  /** Give the canvas the keyboard on mount, so tool shortcuts work at once. @default false */
  autoFocus?: boolean
  /** Extra class on the root element. @default undefined */
  className?: string
}

function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** The embeddable Tandem whiteboard: a canvas, the tools, others' pointers and selections. */
export function Whiteboard(props: WhiteboardProps) {
  const { handle, user, label = 'Board', onReady, autoFocus = false, className } = props
  const doc = props.doc ?? handle?.doc
  if (!doc) throw new TypeError('Whiteboard needs a `doc` or a `handle` with a Y.Doc')
  const awareness = props.awareness !== undefined ? props.awareness : (handle?.awareness ?? null)
  const handleReadOnly = useHandleReadOnly(handle)
  const readOnly = props.readOnly ?? handleReadOnly
  const canvasRef = useRef<HTMLCanvasElement>(null)
  const rootRef = useRef<HTMLDivElement>(null)
  const [pointerNames, setPointerNames] = useState('')

  const view = useMemo(
    () => new BoardView({ board: boardDoc(doc), awareness, userId: user?.id ?? null }),
    [doc, awareness, user?.id],
  )
  const gestures = useMemo(() => new Gestures(view), [view])
  useEffect(() => () => view.destroy(), [view])
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

  useEffect(() => {
    if (!awareness || !user) return
    awareness.setLocalStateField('user', { id: user.id, name: user.name, color: user.color })
  }, [awareness, user])

  const onExport = (format: 'png' | 'svg'): void => {
    if (format === 'svg')
      download('board.svg', new Blob([view.exportSvg()], { type: 'image/svg+xml' }))
    else void view.exportPng().then((blob) => download('board.png', blob))
  }

  return (
    <div
      ref={rootRef}
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
          gestures.down(event.nativeEvent)
        }}
        // The press focuses the canvas itself (above); the browser's own focus move on
        // mousedown would steal focus back from a text field the press just opened.
        onMouseDown={(event) => event.preventDefault()}
        onPointerMove={(event) => gestures.move(event.nativeEvent)}
        onPointerUp={(event) => gestures.up(event.nativeEvent)}
        onPointerCancel={(event) => gestures.up(event.nativeEvent)}
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

/** `handle.readOnly`, kept current through `handle.onStatus` when the handle has it. */
function useHandleReadOnly(handle: BoardDocument | undefined): boolean {
  const [readOnly, setReadOnly] = useState(handle?.readOnly ?? false)
  useEffect(() => {
    setReadOnly(handle?.readOnly ?? false)
    return handle?.onStatus?.((status) => setReadOnly(status.readOnly))
  }, [handle])
  return readOnly
}
