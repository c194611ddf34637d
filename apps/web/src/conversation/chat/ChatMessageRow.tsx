import { useState } from 'react'
import { decodeMentions, MentionTextarea, MessageBody } from '@tandem/editor'
import type { ChatMessage } from '@tandem/schema'
import type { Members } from '../members.js'
import { PersonAvatar } from '../Person.js'
import { fullTime, shortTime } from '../time.js'

/** One chat message; `continued` hides the author line under the same author's previous one. */
export function ChatMessageRow(props: {
  message: ChatMessage
  continued: boolean
  members: Members
  selfId: string
  canWrite: boolean
  onEdit: (body: string) => string | null
  onDelete: () => string | null
  /** Shown under the message ("Seen by …"). */
  footer?: React.ReactNode
}) {
  const { message, continued, members, selfId, canWrite, footer } = props
  const [editing, setEditing] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const name = members.nameOf(message.author.id) ?? message.author.name
  const own = message.author.id === selfId && canWrite && !message.deleted
  const editable = editing ? decodeMentions(message.body, members.nameOf) : null

  return (
    <li
      className={`chat-message${continued ? ' chat-continued' : ''}${own ? ' chat-own' : ''}`}
      data-testid="chat-message"
      data-message-id={message.id}
      data-index={message.index}
    >
      <div className="chat-gutter">
        {continued ? (
          <time className="chat-hover-time" dateTime={new Date(message.created).toISOString()}>
            {new Date(message.created).toLocaleTimeString(undefined, {
              hour: '2-digit',
              minute: '2-digit',
            })}
          </time>
        ) : (
          <PersonAvatar name={name} color={members.colorOf(message.author.id)} />
        )}
      </div>
      <div className="chat-main">
        {continued ? null : (
          <div className="chat-head">
            <span className="chat-author">{name}</span>
            <time
              dateTime={new Date(message.created).toISOString()}
              title={fullTime(message.created)}
            >
              {shortTime(message.created)}
            </time>
          </div>
        )}
        {message.deleted ? (
          <p className="chat-text muted">Message deleted</p>
        ) : editable ? (
          <div className="composer composer-inline">
            <MentionTextarea
              members={members.list}
              label="Edit message"
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
          <p className="chat-text">
            <MessageBody body={message.body} nameOf={members.nameOf} selfId={selfId} />
            {message.edited ? <span className="muted small"> (edited)</span> : null}
          </p>
        )}
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        {footer}
      </div>
      {own && !editing ? (
        <div className="chat-actions">
          <button
            type="button"
            className="icon-button small"
            aria-label="Edit message"
            title="Edit"
            onClick={() => setEditing(true)}
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
            aria-label="Delete message"
            title="Delete"
            onClick={() => setError(props.onDelete())}
          >
            <svg viewBox="0 0 20 20" width="15" height="15" aria-hidden="true">
              <path
                d="M7 3h6l1 1h3v2H3V4h3l1-1zm-2 4h10l-.8 9.2a1 1 0 01-1 .8H6.8a1 1 0 01-1-.8L5 7z"
                fill="currentColor"
              />
            </svg>
          </button>
        </div>
      ) : null}
    </li>
  )
}
