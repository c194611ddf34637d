import {
  anchorToRange,
  commentableSelection,
  useCommentHighlights,
  type Editor,
  type TextAnchor,
} from '@tandem/editor'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useMe } from '../session/me.js'
import { ChatButton, ChatPanel } from './chat/ChatDock.js'
import { useChatLink } from './chat/useChatLink.js'
import { useChatRoom } from './chat/useChatRoom.js'
import { CommentsPanel, type ThreadFilter } from './comments/CommentsPanel.js'
import { SelectionCommentButton } from './comments/SelectionCommentButton.js'
import { useCommentThreads } from './comments/useCommentThreads.js'
import { useThreadPlaces } from './comments/useThreadPlaces.js'
import { useCommentDeepLink } from './deepLink.js'
import { CommentIcon, ThreadsIcon } from './icons.js'
import { useMembers } from './members.js'
import './conversation.css'

type Panel = 'comments' | 'chat' | null

/** Highlight id of the comment being written (not a stored thread id: those have no '@'). */
const DRAFT_ID = '@draft'

/**
 * Comments and chat of one document: the "Comment", threads and "Chat" buttons for the
 * document's header, highlights in the text, and the side panel. Everything goes through
 * `comments:<docId>` and `chat:<docId>`, opened on the same client as the document, so it
 * works offline and counts in the unsynced status.
 */
export function DocConversation({ docId, editor }: { docId: string; editor: Editor | null }) {
  const me = useMe().user
  const members = useMembers()
  const thread = useCommentThreads(docId)
  const room = useChatRoom(`chat:${docId}`)
  const [panel, setPanel] = useState<Panel>(null)
  const [filter, setFilter] = useState<ThreadFilter>('open')
  const [active, setActive] = useState<string | null>(null)
  const [draft, setDraft] = useState<TextAnchor | null>(null)
  const [hint, setHint] = useState<string | null>(null)
  const places = useThreadPlaces(editor, thread.threads)
  const canComment = !!thread.comments && !thread.readOnly
  const openThreads = useMemo(
    () => thread.threads.filter((t) => t.resolved === null),
    [thread.threads],
  )

  const startComment = useCallback(() => {
    if (!editor || !canComment) return
    const anchor = commentableSelection(editor)
    if (!anchor) {
      setHint('Select some text to comment on.')
      return
    }
    setHint(null)
    setDraft(anchor)
    setFilter('open')
    setActive(null)
    setPanel('comments')
  }, [editor, canComment])

  const selectThread = useCallback(
    (id: string) => {
      setActive(id)
      const found = thread.threads.find((t) => t.id === id)
      if (!editor || !found?.anchor) return
      const range = anchorToRange(editor.state, found.anchor)
      if (range) editor.chain().setTextSelection(range).scrollIntoView().run()
    },
    [editor, thread.threads],
  )

  // The text of a comment being written is highlighted too, as the active thread.
  const highlighted = useMemo(
    () => (draft ? [...openThreads, { id: DRAFT_ID, anchor: draft }] : openThreads),
    [openThreads, draft],
  )
  useCommentHighlights(editor, {
    threads: highlighted,
    active: draft ? DRAFT_ID : active,
    onActivate: (id) => {
      if (id === DRAFT_ID) return
      setActive(id)
      setFilter('open')
      setPanel('comments')
    },
    onRequestComment: startComment,
  })

  // A deep link opens the panel on its thread, once: when the thread has arrived (it may come
  // with the first sync), not again on every later change to the comments.
  const chatFocus = useChatLink(room, () => setPanel('chat'))
  const linked = useCommentDeepLink()
  const linkedThread = linked ? thread.threads.find((t) => t.id === linked) : undefined
  const followed = useRef<string | null>(null)
  useEffect(() => {
    if (!linkedThread || followed.current === linkedThread.id) return
    followed.current = linkedThread.id
    setPanel('comments')
    setFilter(linkedThread.resolved ? 'resolved' : 'open')
    setActive(linkedThread.id)
  }, [linkedThread])
  useEffect(() => {
    if (linked === null) followed.current = null
  }, [linked])

  useEffect(() => {
    if (!hint) return
    const timer = setTimeout(() => setHint(null), 3000)
    return () => clearTimeout(timer)
  }, [hint])

  return (
    <>
      <div className="conversation-buttons">
        {canComment ? (
          <button
            type="button"
            className="button"
            // Keeps the text selection (and the editor's focus) when the button is pressed.
            onMouseDown={(event) => event.preventDefault()}
            onClick={startComment}
            disabled={!editor}
            title="Comment (Ctrl+Alt+M)"
            data-testid="comment-button"
          >
            <CommentIcon />
            <span className="button-label">Comment</span>
          </button>
        ) : null}
        <button
          type="button"
          className={`button icon-label${panel === 'comments' ? ' pressed' : ''}`}
          aria-label={`Threads, ${openThreads.length} open`}
          title="All comments"
          aria-pressed={panel === 'comments'}
          onClick={() => setPanel((p) => (p === 'comments' ? null : 'comments'))}
          data-testid="threads-button"
        >
          <ThreadsIcon />
          {openThreads.length > 0 ? <span className="count">{openThreads.length}</span> : null}
        </button>
        <ChatButton
          room={room}
          pressed={panel === 'chat'}
          onClick={() => setPanel((p) => (p === 'chat' ? null : 'chat'))}
        />
        <span className="toast" role="status">
          {hint}
        </span>
      </div>
      {canComment && !draft ? (
        <SelectionCommentButton editor={editor} onComment={startComment} />
      ) : null}
      {panel === 'comments' ? (
        <CommentsPanel
          comments={thread.comments}
          threads={thread.threads}
          places={places}
          members={members}
          me={me}
          canWrite={canComment}
          filter={filter}
          onFilter={setFilter}
          active={active}
          onActivate={selectThread}
          draft={draft}
          onDraftDone={(id) => {
            setDraft(null)
            if (id) setActive(id)
          }}
          onClose={() => {
            setPanel(null)
            setDraft(null)
          }}
        />
      ) : null}
      {panel === 'chat' ? (
        <ChatPanel
          room={room}
          title="Document chat"
          focus={chatFocus}
          onClose={() => setPanel(null)}
        />
      ) : null}
    </>
  )
}
