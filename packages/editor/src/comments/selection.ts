import type { Editor } from '@tiptap/core'
import { rangeToAnchor, type TextAnchor } from './anchors.js'

/**
 * The text the user has selected in `editor`, as an anchor, or null. Reads the browser's
 * selection when ProseMirror's is empty: in a read-only editor (a commenter's) the view does
 * not always take over a mouse selection, yet that is exactly the text to comment on.
 */
export function commentableSelection(editor: Editor): TextAnchor | null {
  if (editor.isDestroyed) return null
  const { view, state } = editor
  let { from, to } = state.selection
  if (from === to && typeof window !== 'undefined') {
    const dom = window.getSelection()
    const { anchorNode, focusNode } = dom ?? {}
    if (dom && !dom.isCollapsed && anchorNode && focusNode) {
      if (view.dom.contains(anchorNode) && view.dom.contains(focusNode)) {
        from = view.posAtDOM(anchorNode, dom.anchorOffset)
        to = view.posAtDOM(focusNode, dom.focusOffset)
      }
    }
  }
  return rangeToAnchor(state, { from, to })
}
