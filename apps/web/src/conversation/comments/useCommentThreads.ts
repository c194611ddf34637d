import { useEffect, useMemo, useState } from 'react'
import { useDocument, type DocumentState } from '@tandem/react'
import { commentsDoc, type CommentsDoc, type CommentThread } from '@tandem/schema'

/** The comments of one document, opened through the client (offline, counted as unsynced). */
export interface CommentThreads extends DocumentState {
  comments: CommentsDoc | null
  /** Every thread, resolved ones too, in creation order; live. */
  threads: CommentThread[]
}

/** Opens `comments:<docId>` while mounted and reads its threads on every change. */
export function useCommentThreads(docId: string): CommentThreads {
  const state = useDocument(`comments:${docId}`)
  const { doc, loaded, synced, readOnly } = state
  const comments = useMemo(() => (doc ? commentsDoc(doc) : null), [doc])
  const [read, setRead] = useState<{ of: CommentsDoc; list: CommentThread[] } | null>(null)

  useEffect(() => {
    if (!comments) return
    const refresh = () => setRead({ of: comments, list: comments.list({ includeResolved: true }) })
    refresh()
    return comments.observe(refresh)
  }, [comments])

  // After the first sync, as for the document itself: a version stamp alone is no change of
  // the user's that should show as "saved on this device only".
  useEffect(() => {
    if (comments && loaded && synced && !readOnly) comments.migrate()
  }, [comments, loaded, synced, readOnly])

  const threads = read && read.of === comments ? read.list : EMPTY
  return useMemo(() => ({ ...state, comments, threads }), [state, comments, threads])
}

const EMPTY: CommentThread[] = []
