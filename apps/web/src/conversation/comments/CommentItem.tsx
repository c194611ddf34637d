import { useState } from 'react'
import { decodeMentions, MentionTextarea, MessageBody } from '@tandem/editor'
import type { Comment } from '@tandem/schema'
import type { Members } from '../members.js'
import { PersonAvatar } from '../Person.js'
import { fullTime, shortTime } from '../time.js'

/** One comment of a thread: author, time, body; edit and delete for its author. */
export function CommentItem(props: {
  comment: Comment
  members: Members
  selfId: string
  canWrite: boolean
  /** Buttons next to the author line (resolve, on a thread's first comment). */
  extra?: React.ReactNode
  onEdit: (body: string) => string | null
  onDelete: () => string | null
}) {
  const { comment, members, selfId, canWrite, extra } = props
  const [editing, setEditing] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const own = comment.author.id === selfId && canWrite && !comment.deleted
  const name = members.nameOf(comment.author.id) ?? comment.author.name

  if (comment.deleted) {
    return (
      <div className="comment comment-deleted" data-testid="comment">
        <p className="muted">This comment was deleted.</p>
      </div>
    )
  }
  const editable = editing ? decodeMentions(comment.body, members.nameOf) : null
  return (
    <div className="comment" data-testid="comment" data-comment-id={comment.id}>
      <div className="comment-head">
        <PersonAvatar name={name} color={members.colorOf(comment.author.id)} />
        <div className="comment-meta">
          <span className="comment-author">{name}</span>
          <time
            dateTime={new Date(comment.created).toISOString()}
            title={fullTime(comment.created)}
          >
            {shortTime(comment.created)}
            {comment.edited ? ' · edited' : ''}
          </time>
        </div>
        <div className="comment-actions">
          {extra}
          {own && !editing ? (
            <>
              <button
                type="button"
                className="icon-button small"
                aria-label="Edit"
                title="Edit"
                onClick={(event) => {
                  event.stopPropagation()
                  setEditing(true)
                }}
              >
                <svg viewBox="0 0 20 20" width="15" height="15" aria-hidden="true">
                  <path
                    d="M4 13.5V16h2.5l7.4-7.4-2.5-2.5L4 13.5zM15.7 6.8a.9.9 0 000-1.3l-1.2-1.2a.9.9 0 00-1.3 0l-1 1 2.5 2.5 1-1z"
                    fill="currentColor"
                  />
                </svg>
              </button>
              <button
                type="button"
                className="icon-button small"
                aria-label="Delete"
                title="Delete"
                onClick={(event) => {
                  event.stopPropagation()
                  setError(props.onDelete())
                }}
              >
                <svg viewBox="0 0 20 20" width="15" height="15" aria-hidden="true">
                  <path
                    d="M7 3h6l1 1h3v2H3V4h3l1-1zm-2 4h10l-.8 9.2a1 1 0 01-1 .8H6.8a1 1 0 01-1-.8L5 7z"
                    fill="currentColor"
                  />
                </svg>
              </button>
            </>
          ) : null}
        </div>
      </div>
      {editable ? (
        <div className="composer composer-inline" onClick={(event) => event.stopPropagation()}>
          <MentionTextarea
            members={members.list}
            label="Edit comment"
            initialText={editable.text}
            initialPicked={editable.picked}
            autoFocus
            onSubmit={(body) => {
              const failure = props.onEdit(body)
              setError(failure)
              if (failure) return false
              setEditing(false)
            }}
            onCancel={() => setEditing(false)}
          />
          <div className="composer-hint muted">Enter to save · Esc to cancel</div>
        </div>
      ) : (
        <p className="comment-body">
          <MessageBody body={comment.body} nameOf={members.nameOf} selfId={selfId} />
        </p>
      )}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  )
}
