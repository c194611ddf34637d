import type { Editor } from '@tiptap/core'
import { isChangeOrigin } from '@tiptap/extension-collaboration'
import { keydownHandler } from '@tiptap/pm/keymap'
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'
import { anchorToRange, type TextRange } from './anchors.js'

/** What the highlight plugin needs of a thread. */
export interface HighlightedThread {
  readonly id: string
  readonly anchor: { readonly start: Uint8Array; readonly end: Uint8Array } | null
}

/** Options of {@link commentHighlights}. */
export interface CommentHighlightsOptions {
  /** Called when the user clicks highlighted text (the innermost thread there). @default undefined */
  onActivate?: (threadId: string) => void
  /** Called on Mod-Alt-m (comment on the selection). @default undefined */
  onRequestComment?: () => void
}

interface HighlightState {
  threads: readonly HighlightedThread[]
  active: string | null
  /** Where each thread is now; a thread missing here is detached. */
  ranges: ReadonlyMap<string, TextRange>
  decorations: DecorationSet
}

type HighlightMeta = { threads?: readonly HighlightedThread[]; active?: string | null }

/** Plugin key of the comment highlights; its state says where each thread is. */
export const commentHighlightsKey = new PluginKey<HighlightState>('tandemCommentHighlights')
/** Plugin key of the Mod-Alt-m shortcut. */
export const commentShortcutKey = new PluginKey('tandemCommentShortcut')

function decorate(
  state: EditorState,
  ranges: ReadonlyMap<string, TextRange>,
  active: string | null,
) {
  const decorations: Decoration[] = []
  for (const [id, range] of ranges) {
    const className = id === active ? 'tandem-comment tandem-comment--active' : 'tandem-comment'
    decorations.push(
      Decoration.inline(range.from, range.to, { class: className, 'data-thread-id': id }),
    )
  }
  return DecorationSet.create(state.doc, decorations)
}

function locate(state: EditorState, threads: readonly HighlightedThread[]) {
  const ranges = new Map<string, TextRange>()
  for (const thread of threads) {
    const range = thread.anchor ? anchorToRange(state, thread.anchor) : null
    if (range) ranges.set(thread.id, range)
  }
  return ranges
}

function mapRanges(ranges: ReadonlyMap<string, TextRange>, tr: Transaction) {
  const mapped = new Map<string, TextRange>()
  for (const [id, range] of ranges) {
    const from = tr.mapping.map(range.from, 1)
    const to = tr.mapping.map(range.to, -1)
    if (from < to) mapped.set(id, { from, to })
  }
  return mapped
}

/**
 * Highlights the text of comment threads and reports clicks on it. Positions are recomputed
 * from the Yjs relative positions when threads change or a change arrives from Yjs (then the
 * binding's mapping matches the new document); a local edit maps the known ranges through the
 * transaction instead, because y-sync writes it to Yjs only after this plugin ran. Both cost
 * O(threads), nothing per character.
 */
export function commentHighlights(options: CommentHighlightsOptions = {}): Plugin[] {
  const highlight = new Plugin<HighlightState>({
    key: commentHighlightsKey,
    state: {
      init: (_, state) => ({
        threads: [],
        active: null,
        ranges: new Map(),
        decorations: DecorationSet.create(state.doc, []),
      }),
      apply(tr, value, _old, state) {
        const meta = tr.getMeta(commentHighlightsKey) as HighlightMeta | undefined
        const threads = meta?.threads ?? value.threads
        const active = meta?.active !== undefined ? meta.active : value.active
        if (!meta && !tr.docChanged) return value
        let ranges: ReadonlyMap<string, TextRange>
        if (meta?.threads || isChangeOrigin(tr)) ranges = locate(state, threads)
        else if (tr.docChanged) ranges = mapRanges(value.ranges, tr)
        else ranges = value.ranges
        return { threads, active, ranges, decorations: decorate(state, ranges, active) }
      },
    },
    props: {
      decorations: (state) => commentHighlightsKey.getState(state)?.decorations,
      handleClick(view, pos) {
        const ranges = commentHighlightsKey.getState(view.state)?.ranges
        if (!ranges || !options.onActivate) return false
        // The shortest span at the click wins: a thread inside another one stays reachable.
        let best: { id: string; size: number } | null = null
        for (const [id, range] of ranges) {
          if (pos < range.from || pos > range.to) continue
          const size = range.to - range.from
          if (!best || size < best.size) best = { id, size }
        }
        if (best) options.onActivate(best.id)
        return false // the click still places the caret
      },
    },
  })
  // A keyed plugin (not a bare keymap) so that it can be unregistered by its key.
  const shortcut = new Plugin({
    key: commentShortcutKey,
    props: {
      handleKeyDown: keydownHandler({
        'Mod-Alt-m': () => {
          if (!options.onRequestComment) return false
          options.onRequestComment()
          return true
        },
      }),
    },
  })
  return [highlight, shortcut]
}

/** Hands the plugin the current threads (after a change to the comments document). */
export function setHighlightedThreads(editor: Editor, threads: readonly HighlightedThread[]): void {
  if (editor.isDestroyed) return
  editor.view.dispatch(editor.state.tr.setMeta(commentHighlightsKey, { threads }))
}

/** Marks one thread as the active one (or none). */
export function setActiveThread(editor: Editor, threadId: string | null): void {
  if (editor.isDestroyed) return
  editor.view.dispatch(editor.state.tr.setMeta(commentHighlightsKey, { active: threadId }))
}

/** Where each highlighted thread is now; a thread that is absent is detached. */
export function threadRanges(state: EditorState): ReadonlyMap<string, TextRange> {
  return commentHighlightsKey.getState(state)?.ranges ?? new Map()
}
