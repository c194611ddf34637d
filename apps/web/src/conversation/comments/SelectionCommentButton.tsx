import type { Editor } from '@tandem/editor'
import { useEffect, useState } from 'react'
import { CommentIcon } from '../icons.js'

/**
 * A small floating "add comment" button beside the selected text, at the editor's right
 * edge (as in Google Docs). It repeats the header's "Comment" button for the pointer, so it
 * is hidden from assistive technology (which has that button and Ctrl/⌘ Alt M) and keeps the
 * one accessible "Comment" control unambiguous.
 */
export function SelectionCommentButton({
  editor,
  onComment,
}: {
  editor: Editor | null
  onComment: () => void
}) {
  const [place, setPlace] = useState<{ top: number; left: number } | null>(null)

  useEffect(() => {
    if (!editor) return
    let frame = 0
    const measure = () => {
      frame = 0
      const selection = window.getSelection()
      const root = editor.isDestroyed ? null : editor.view.dom
      if (!root || !selection || selection.isCollapsed || selection.rangeCount === 0) {
        setPlace(null)
        return
      }
      const range = selection.getRangeAt(0)
      if (!root.contains(range.commonAncestorContainer)) {
        setPlace(null)
        return
      }
      const rect = range.getBoundingClientRect()
      const frameRect = root.getBoundingClientRect()
      if (rect.bottom < 0 || rect.top > window.innerHeight) {
        setPlace(null)
        return
      }
      setPlace({ top: rect.top, left: Math.min(frameRect.right - 44, window.innerWidth - 48) })
    }
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(measure)
    }
    document.addEventListener('selectionchange', schedule)
    window.addEventListener('scroll', schedule, true)
    window.addEventListener('resize', schedule)
    return () => {
      document.removeEventListener('selectionchange', schedule)
      window.removeEventListener('scroll', schedule, true)
      window.removeEventListener('resize', schedule)
      if (frame) cancelAnimationFrame(frame)
    }
  }, [editor])

  if (!place) return null
  return (
    <button
      type="button"
      className="selection-comment"
      style={{ top: place.top, left: place.left }}
      aria-hidden="true"
      tabIndex={-1}
      title="Comment (Ctrl+Alt+M)"
      // mousedown: keep the selection that the comment is about.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onComment}
      data-testid="selection-comment"
    >
      <CommentIcon size={18} />
    </button>
  )
}
