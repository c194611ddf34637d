import { useEffect, useRef, useState } from 'react'
import { MentionTextarea, type MentionTextareaHandle, type TextAnchor } from '@tandem/editor'
import type { CommentsDoc, CommentThread } from '@tandem/schema'
import { Drawer } from '../Drawer.js'
import { attempt } from '../errors.js'
import { ErrorNote } from '../OwnItem.js'
import type { Members } from '../members.js'
import { ThreadCard } from './ThreadCard.js'
import { orderThreads, type ThreadPlaces } from './useThreadPlaces.js'

export type ThreadFilter = 'open' | 'resolved'

/** The comments side panel: new-thread composer, threads in document order, detached ones. */
export function CommentsPanel(props: {
  comments: CommentsDoc | null
  threads: CommentThread[]
  places: ThreadPlaces
  members: Members
  me: { id: string; name: string }
  canWrite: boolean
  filter: ThreadFilter
  onFilter: (filter: ThreadFilter) => void
  active: string | null
  onActivate: (threadId: string) => void
  draft: TextAnchor | null
  onDraftDone: (threadId: string | null) => void
  onClose: () => void
}) {
  const { comments, threads, places, members, me, canWrite, filter, active, draft } = props
  const shown = threads.filter((t) => (filter === 'resolved') === (t.resolved !== null))
  const { placed, detached } = orderThreads(shown, places)
  const openCount = threads.filter((t) => t.resolved === null).length
  const resolvedCount = threads.length - openCount

  useEffect(() => {
    if (!active) return
    document
      .getElementById(`comment-${active}`)
      ?.scrollIntoView({ block: 'nearest', behavior: 'smooth' })
  }, [active, filter])

  const card = (thread: CommentThread, isDetached: boolean) =>
    comments ? (
      <ThreadCard
        key={thread.id}
        thread={thread}
        comments={comments}
        members={members}
        me={me}
        canWrite={canWrite}
        active={thread.id === active}
        detached={isDetached}
        onActivate={() => props.onActivate(thread.id)}
      />
    ) : null

  return (
    <Drawer title="Comments" onClose={props.onClose} testId="comments-panel">
      <div className="segmented" role="group" aria-label="Show">
        <button
          type="button"
          aria-pressed={filter === 'open'}
          onClick={() => props.onFilter('open')}
        >
          Open <span className="count">{openCount}</span>
        </button>
        <button
          type="button"
          aria-pressed={filter === 'resolved'}
          onClick={() => props.onFilter('resolved')}
        >
          Resolved <span className="count">{resolvedCount}</span>
        </button>
      </div>
      <div className="drawer-body">
        {draft && comments && canWrite ? (
          <NewThread
            anchor={draft}
            comments={comments}
            members={members}
            me={me}
            onDone={props.onDraftDone}
          />
        ) : null}
        {placed.map((thread) => card(thread, false))}
        {detached.length > 0 ? (
          <section className="detached" aria-label="Detached">
            <h3>Detached</h3>
            <p className="muted small">The text these threads were on has been deleted.</p>
            {detached.map((thread) => card(thread, true))}
          </section>
        ) : null}
        {shown.length === 0 && !draft ? (
          <div className="drawer-empty">
            <p>{filter === 'open' ? 'No open comments' : 'No resolved comments'}</p>
            <p className="muted small">
              {filter === 'open' && canWrite
                ? 'Select text and press Comment (Ctrl+Alt+M) to start a thread.'
                : ''}
            </p>
          </div>
        ) : null}
      </div>
    </Drawer>
  )
}

function NewThread(props: {
  anchor: TextAnchor
  comments: CommentsDoc
  members: Members
  me: { id: string; name: string }
  onDone: (threadId: string | null) => void
}) {
  const { anchor, comments, members, me, onDone } = props
  const [error, setError] = useState<string | null>(null)
  const box = useRef<MentionTextareaHandle>(null)
  const post = (body: string) => {
    let id: string | null = null
    const failure = attempt(() => {
      id = comments.createThread({
        anchor,
        quote: anchor.quote,
        author: { id: me.id, name: me.name },
        body,
      }).id
    })
    setError(failure)
    if (failure) return false
    onDone(id)
  }
  return (
    <div className="thread thread-active thread-new" data-testid="new-thread">
      <blockquote className="thread-quote">{anchor.quote}</blockquote>
      <div className="composer">
        <MentionTextarea
          ref={box}
          members={members.list}
          suggestions="below"
          label="New comment"
          placeholder="Comment or add others with @"
          autoFocus
          onSubmit={post}
          onCancel={() => onDone(null)}
        />
      </div>
      <div className="composer-buttons">
        <button type="button" className="button small" onClick={() => onDone(null)}>
          Cancel
        </button>
        <button
          type="button"
          className="button primary small"
          onClick={() => box.current?.submit()}
        >
          Post
        </button>
      </div>
      <ErrorNote error={error} />
    </div>
  )
}
