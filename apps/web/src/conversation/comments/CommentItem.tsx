import { useState, type ReactNode } from 'react'
import { MessageBody } from '@tandem/editor'
import type { Comment } from '@tandem/schema'
import type { Members } from '../members.js'
import { EditDeleteButtons, ErrorNote, InlineEdit } from '../OwnItem.js'
import { PersonAvatar } from '../Person.js'
import { fullTime, shortTime } from '../time.js'

/** One comment of a thread: author, time, body; edit and delete for its author. */
export function CommentItem(props: {
  comment: Comment
  members: Members
  selfId: string
  canWrite: boolean
  /** Buttons next to the author line (resolve, on a thread's first comment). */
  extra?: ReactNode
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
            <EditDeleteButtons
              onEdit={() => setEditing(true)}
              onDelete={() => setError(props.onDelete())}
            />
          ) : null}
        </div>
      </div>
      {editing ? (
        <InlineEdit
          body={comment.body}
          members={members}
          label="Edit comment"
          onSave={props.onEdit}
          onDone={() => setEditing(false)}
          onError={setError}
        />
      ) : (
        <p className="comment-body">
          <MessageBody body={comment.body} nameOf={members.nameOf} selfId={selfId} />
        </p>
      )}
      <ErrorNote error={error} />
    </div>
  )
}
