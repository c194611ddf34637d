import type { Editor } from '@tandem/editor'
import { anchorToRange, type TextRange } from '@tandem/editor'
import type { CommentThread } from '@tandem/schema'
import { useEffect, useState } from 'react'

/** Where each thread is in the text now; absent = detached (its text was deleted). */
export type ThreadPlaces = ReadonlyMap<string, TextRange>

/**
 * Tracks where every thread's anchor lies, for document order and the "Detached" group.
 * Recomputed at most once per frame after the text changes (O(threads)); a new map is handed
 * out only when the order or the set of detached threads changed (the positions in it may be
 * stale; read a fresh one with anchorToRange when it matters), so typing does not
 * re-render the panel.
 */
export function useThreadPlaces(editor: Editor | null, threads: CommentThread[]): ThreadPlaces {
  const [places, setPlaces] = useState<ThreadPlaces>(EMPTY)
  useEffect(() => {
    if (!editor) return
    let frame = 0
    let lastKey = ''
    const compute = () => {
      frame = 0
      if (editor.isDestroyed) return
      const next = new Map<string, TextRange>()
      for (const thread of threads) {
        const range = thread.anchor ? anchorToRange(editor.state, thread.anchor) : null
        if (range) next.set(thread.id, range)
      }
      // The order and the detached set, not the positions: typing moves every position.
      const key = [...next]
        .sort(([, a], [, b]) => a.from - b.from || a.to - b.to)
        .map(([id]) => id)
        .join(',')
      if (key === lastKey) return
      lastKey = key
      setPlaces(next)
    }
    const schedule = ({ transaction }: { transaction: { docChanged: boolean } }) => {
      if (transaction.docChanged && !frame) frame = requestAnimationFrame(compute)
    }
    compute()
    editor.on('transaction', schedule)
    return () => {
      editor.off('transaction', schedule)
      if (frame) cancelAnimationFrame(frame)
    }
  }, [editor, threads])
  return places
}

/** Threads in document order, then the detached ones (oldest first). */
export function orderThreads(
  threads: CommentThread[],
  places: ThreadPlaces,
): { placed: CommentThread[]; detached: CommentThread[] } {
  const placed: CommentThread[] = []
  const detached: CommentThread[] = []
  for (const thread of threads) (places.has(thread.id) ? placed : detached).push(thread)
  placed.sort((a, b) => {
    const pa = places.get(a.id) as TextRange
    const pb = places.get(b.id) as TextRange
    return pa.from - pb.from || pa.to - pb.to || a.created - b.created
  })
  return { placed, detached }
}

const EMPTY: ThreadPlaces = new Map()
