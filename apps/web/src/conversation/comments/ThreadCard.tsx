import { useRef, useState } from 'react'
import { MentionTextarea, type MentionTextareaHandle } from '@tandem/editor'
import type { CommentsDoc, CommentThread } from '@tandem/schema'
import { attempt } from '../errors.js'
import { ReopenIcon, ResolveIcon } from '../icons.js'
import { ErrorNote } from '../OwnItem.js'
import type { Members } from '../members.js'
import { CommentItem } from './CommentItem.js'

/** A thread in the side panel: the quoted text, its comments, a reply box, resolve/reopen. */
export function ThreadCard(props: {
  thread: CommentThread
  comments: CommentsDoc
  members: Members
  me: { id: string; name: string }
  canWrite: boolean
  active: boolean
  detached: boolean
  onActivate: () => void
}) {
  const { thread, comments, members, me, canWrite, active, detached } = props
  const [error, setError] = useState<string | null>(null)
  const reply = useRef<MentionTextareaHandle>(null)
  const person = { id: me.id, name: me.name }
  const resolved = thread.resolved !== null
  const toggle = (
    <button
      type="button"
      className="icon-button small"
      aria-label={resolved ? 'Reopen' : 'Resolve'}
      title={resolved ? 'Reopen' : 'Resolve'}
      onClick={(event) => {
        event.stopPropagation()
        setError(
          attempt(() =>
            resolved ? comments.reopen(thread.id) : comments.resolve(thread.id, person),
          ),
        )
      }}
    >
      {resolved ? <ReopenIcon /> : <ResolveIcon />}
    </button>
  )

  return (
    <article
      id={`comment-${thread.id}`}
      className={`thread${active ? ' thread-active' : ''}${resolved ? ' thread-resolved' : ''}`}
      data-testid="thread"
      data-thread-id={thread.id}
      aria-current={active || undefined}
      aria-label={`Thread on “${thread.quote.slice(0, 60)}”`}
      onClick={props.onActivate}
    >
      <blockquote className={`thread-quote${detached ? ' thread-quote-detached' : ''}`}>
        {thread.quote || 'Selected text'}
      </blockquote>
      {thread.comments.map((comment, i) => (
        <CommentItem
          key={comment.id}
          comment={comment}
          members={members}
          selfId={me.id}
          canWrite={canWrite}
          extra={i === 0 && canWrite ? toggle : null}
          onEdit={(body) => attempt(() => comments.edit(thread.id, comment.id, me.id, body))}
          onDelete={() => attempt(() => comments.delete(thread.id, comment.id, me.id))}
        />
      ))}
      {resolved && thread.resolved ? (
        <p className="thread-status muted">
          Resolved by {members.nameOf(thread.resolved.by.id) ?? thread.resolved.by.name}
        </p>
      ) : null}
      {canWrite && !resolved ? (
        <div
          className={`composer composer-reply${active ? '' : ' composer-collapsed'}`}
          onClick={(event) => event.stopPropagation()}
        >
          <MentionTextarea
            ref={reply}
            members={members.list}
            suggestions="below"
            label="Reply"
            placeholder="Reply or add others with @"
            onSubmit={(body) => {
              const failure = attempt(() => comments.reply(thread.id, { author: person, body }))
              setError(failure)
              return failure === null
            }}
          />
          <button
            type="button"
            className="button primary small"
            onClick={() => reply.current?.submit()}
          >
            Reply
          </button>
        </div>
      ) : null}
      <ErrorNote error={error} />
    </article>
  )
}
