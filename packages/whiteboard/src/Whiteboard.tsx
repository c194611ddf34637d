import { boardDoc } from '@tandem/schema'
import { useEffect, useState } from 'react'
import type { Awareness } from 'y-protocols/awareness'
import type * as Y from 'yjs'
import { BoardSurface } from './BoardSurface.js'
import { BoardView } from './view.js'

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

/** The embeddable Tandem whiteboard: a canvas, the tools, others' pointers and selections. */
export function Whiteboard(props: WhiteboardProps) {
  const { handle, user, label = 'Board', onReady, autoFocus = false, className } = props
  const doc = props.doc ?? handle?.doc
  if (!doc) throw new TypeError('Whiteboard needs a `doc` or a `handle` with a Y.Doc')
  const awareness = props.awareness !== undefined ? props.awareness : (handle?.awareness ?? null)
  const handleReadOnly = useHandleReadOnly(handle)
  const readOnly = props.readOnly ?? handleReadOnly
  const userId = user?.id ?? null
  // Made in an effect (not a memo) so StrictMode's mount-unmount-mount gets a live view.
  const [view, setView] = useState<BoardView | null>(null)
  useEffect(() => {
    const created = new BoardView({ board: boardDoc(doc), awareness, userId })
    setView(created)
    return () => {
      created.destroy()
      setView(null)
    }
  }, [doc, awareness, userId])

  useEffect(() => {
    if (!awareness || !user) return
    awareness.setLocalStateField('user', { id: user.id, name: user.name, color: user.color })
  }, [awareness, user])

  if (!view) return <div className={['tandem-board', className].filter(Boolean).join(' ')} />
  return (
    <BoardSurface
      view={view}
      readOnly={readOnly}
      label={label}
      autoFocus={autoFocus}
      onReady={onReady}
      className={className}
    />
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
