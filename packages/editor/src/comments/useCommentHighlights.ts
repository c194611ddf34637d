import type { Editor } from '@tiptap/core'
import { useEffect, useRef } from 'react'
import {
  commentHighlights,
  commentHighlightsKey,
  commentShortcutKey,
  setActiveThread,
  setHighlightedThreads,
  type CommentHighlightsOptions,
  type HighlightedThread,
} from './highlights.js'

/** Options of {@link useCommentHighlights}. */
export interface UseCommentHighlightsOptions extends CommentHighlightsOptions {
  /** The threads to highlight (resolved ones are usually left out). */
  threads: readonly HighlightedThread[]
  /** The thread shown as selected. @default null */
  active?: string | null
}

/**
 * Adds comment highlights and the Mod-Alt-m shortcut to a live editor (e.g. the one
 * `<TandemEditor onReady>` hands out), and keeps them in step with `threads` and `active`.
 * A plugin registered at run time, so hosts without comments pay nothing.
 */
export function useCommentHighlights(
  editor: Editor | null,
  options: UseCommentHighlightsOptions,
): void {
  const { threads, active = null } = options
  const latest = useRef(options)
  useEffect(() => {
    latest.current = options
  })

  useEffect(() => {
    if (!editor || editor.isDestroyed) return
    const plugins = commentHighlights({
      onActivate: (id) => latest.current.onActivate?.(id),
      onRequestComment: () => latest.current.onRequestComment?.(),
    })
    for (const plugin of plugins) editor.registerPlugin(plugin)
    setHighlightedThreads(editor, latest.current.threads)
    setActiveThread(editor, latest.current.active ?? null)
    return () => {
      if (!editor.isDestroyed) editor.unregisterPlugin([commentHighlightsKey, commentShortcutKey])
    }
  }, [editor])

  useEffect(() => {
    if (editor && commentHighlightsKey.getState(editor.state))
      setHighlightedThreads(editor, threads)
  }, [editor, threads])

  useEffect(() => {
    if (editor && commentHighlightsKey.getState(editor.state)) setActiveThread(editor, active)
  }, [editor, active])
}
