import { useEffect, useRef } from 'react'
import { toScreen } from './camera.js'
import {
  FONT_FAMILY,
  measureText,
  STICKY_FONT_SIZE,
  STICKY_PADDING,
  TEXT_FONT_SIZE,
} from './render.js'
import type { BoardUiState, BoardView } from './view.js'

/**
 * The text field over a sticky note or text shape while someone types into it. Every keystroke
 * is written to the board, so others see the text as it is typed; a new text shape is only
 * added with its first character, and an emptied one is removed when the field closes.
 */
export function ShapeTextField({ view, state }: { view: BoardView; state: BoardUiState }) {
  const ref = useRef<HTMLTextAreaElement>(null)
  const draft = state.draftText?.id === state.editing ? state.draftText : null
  const shape = state.editing ? (view.scene.get(state.editing) ?? draft) : null
  const id = shape?.id

  useEffect(() => {
    if (!id) return
    ref.current?.focus()
    ref.current?.select()
  }, [id])

  // Closed when the shape vanishes (deleted by someone else).
  useEffect(() => {
    if (state.editing && !shape) view.set({ editing: null })
  }, [state.editing, shape, view])

  if (!shape) return null
  const sticky = shape.type === 'sticky'
  const zoom = state.camera.zoom
  const at = toScreen(state.camera, shape.x, shape.y)
  const size = (sticky ? STICKY_FONT_SIZE : TEXT_FONT_SIZE) * zoom
  const padding = (sticky ? STICKY_PADDING : 0) * zoom

  const close = (): void => {
    const current = view.scene.get(shape.id)
    view.set({ editing: null, draftText: null })
    view.focus()
    if (current && current.type === 'text' && current.text.trim() === '')
      view.board.delete([current.id])
    view.invalidate()
  }

  return (
    <textarea
      ref={ref}
      className="tandem-board__text-field"
      aria-label={sticky ? 'Sticky note text' : 'Text'}
      defaultValue={shape.text}
      spellCheck
      style={{
        left: at.x,
        top: at.y,
        width: sticky ? shape.w * zoom : Math.max(shape.w * zoom + size, 40),
        height: sticky ? shape.h * zoom : Math.max(shape.h * zoom, size * 1.3),
        padding,
        fontSize: size,
        lineHeight: 1.25,
        fontFamily: FONT_FAMILY,
        color: shape.stroke,
        background: sticky ? (shape.fill === 'none' ? '#ffec99' : shape.fill) : 'transparent',
      }}
      onChange={(event) => {
        const text = event.target.value.slice(0, 10_000)
        const ctx = document.createElement('canvas').getContext('2d')
        const box = !sticky && ctx ? measureText(ctx, text) : null
        const patch = box ? { text, ...box } : { text }
        if (view.scene.get(shape.id)) {
          view.board.update({ [shape.id]: patch })
        } else if (text !== '') {
          const { id: newId, z: _z, ...fields } = shape
          view.board.add({ ...fields, ...patch, id: newId })
          view.set({ draftText: null })
          view.setSelection([newId])
        }
      }}
      onBlur={close}
      onKeyDown={(event) => {
        event.stopPropagation()
        if (event.key === 'Escape' || (event.key === 'Enter' && (event.metaKey || event.ctrlKey))) {
          event.preventDefault()
          close()
        }
      }}
    />
  )
}
