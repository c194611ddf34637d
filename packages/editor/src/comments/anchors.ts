import type { Node as PMNode } from '@tiptap/pm/model'
import type { EditorState } from '@tiptap/pm/state'
import {
  absolutePositionToRelativePosition,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
} from '@tiptap/y-tiptap'
import * as Y from 'yjs'

/** The parts of y-tiptap's ProsemirrorBinding the anchors use (it exports no type for them). */
interface Binding {
  doc: Y.Doc
  type: Y.XmlFragment
  mapping: Map<Y.AbstractType<unknown>, PMNode | PMNode[]>
}

/** A span of the rich text as Yjs relative positions (what a comment thread stores). */
export interface TextAnchor {
  readonly start: Uint8Array
  readonly end: Uint8Array
  /** The selected text, kept with the thread so it still reads well once detached. */
  readonly quote: string
}

/** A ProseMirror range. */
export interface TextRange {
  readonly from: number
  readonly to: number
}

function bindingOf(state: EditorState): Binding | null {
  const binding = (ySyncPluginKey.getState(state) as { binding?: Binding | null } | undefined)
    ?.binding
  return binding ?? null
}

/**
 * The range `from..to` of `state` as Yjs relative positions into the `content` fragment, or
 * null for an empty range or an editor that is not bound to Yjs yet. Relative positions stay
 * on their characters while others insert and delete around them.
 */
export function rangeToAnchor(state: EditorState, range: TextRange): TextAnchor | null {
  const binding = bindingOf(state)
  const from = Math.max(0, Math.min(range.from, range.to))
  const to = Math.min(state.doc.content.size, Math.max(range.from, range.to))
  if (!binding || from >= to) return null
  const quote = state.doc.textBetween(from, to, ' ', ' ').trim()
  if (!quote) return null // only node boundaries selected: nothing a reader could point at
  return {
    start: Y.encodeRelativePosition(
      absolutePositionToRelativePosition(from, binding.type, binding.mapping) as Y.RelativePosition,
    ),
    end: Y.encodeRelativePosition(
      absolutePositionToRelativePosition(to, binding.type, binding.mapping) as Y.RelativePosition,
    ),
    quote,
  }
}

/** The current selection as an anchor (see {@link rangeToAnchor}). */
export function selectionToAnchor(state: EditorState): TextAnchor | null {
  return rangeToAnchor(state, state.selection)
}

/**
 * Where an anchor lies in `state` now, or null when it is detached: its text was deleted (the
 * span collapsed), it belongs to another document, or the view does not show that part yet.
 * Only valid while the Yjs binding's mapping matches `state` (after a remote change, or
 * between transactions), which is why the highlight plugin maps local edits instead.
 */
export function anchorToRange(
  state: EditorState,
  anchor: { readonly start: Uint8Array; readonly end: Uint8Array },
): TextRange | null {
  const binding = bindingOf(state)
  if (!binding) return null
  let from: number | null
  let to: number | null
  try {
    from = relativePositionToAbsolutePosition(
      binding.doc,
      binding.type,
      Y.decodeRelativePosition(anchor.start),
      binding.mapping,
    )
    to = relativePositionToAbsolutePosition(
      binding.doc,
      binding.type,
      Y.decodeRelativePosition(anchor.end),
      binding.mapping,
    )
  } catch (error) {
    // Bytes written by another client that are not a relative position: the thread reads as
    // detached (it stays listed) rather than breaking every highlight.
    if (error instanceof Error) return null
    throw error
  }
  if (from === null || to === null || from >= to || to > state.doc.content.size) return null
  return { from, to }
}
