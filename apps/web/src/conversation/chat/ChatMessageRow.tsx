import { useState, type ReactNode } from 'react'
import { MessageBody } from '@tandem/editor'
import type { ChatMessage } from '@tandem/schema'
import type { Members } from '../members.js'
import { EditDeleteButtons, ErrorNote, InlineEdit } from '../OwnItem.js'
import { PersonAvatar } from '../Person.js'
import { fullTime, shortTime } from '../time.js'

/** One chat message; `continued` hides the author line under the same author's previous one. */
export function ChatMessageRow(props: {
  message: ChatMessage
  continued: boolean
  /** The target of a deep link: marked. @default false */
  focused?: boolean
  members: Members
  selfId: string
  canWrite: boolean
  onEdit: (body: string) => string | null
  onDelete: () => string | null
  /** Shown under the message ("Seen by …"). */
  footer?: ReactNode
}) {
  const { message, continued, members, selfId, canWrite, footer } = props
  const [editing, setEditing] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const name = members.nameOf(message.author.id) ?? message.author.name
  const own = message.author.id === selfId && canWrite && !message.deleted
  const sent = new Date(message.created)

  return (
    <li
      className={`chat-message${continued ? ' chat-continued' : ''}${own ? ' chat-own' : ''}${
        props.focused ? ' chat-focused' : ''
      }`}
      aria-current={props.focused || undefined}
      data-testid="chat-message"
      data-message-id={message.id}
      data-index={message.index}
    >
      <div className="chat-gutter">
        {continued ? (
          <time className="chat-hover-time" dateTime={sent.toISOString()}>
            {sent.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}
          </time>
        ) : (
          <PersonAvatar name={name} color={members.colorOf(message.author.id)} />
        )}
      </div>
      <div className="chat-main">
        {continued ? null : (
          <div className="chat-head">
            <span className="chat-author">{name}</span>
            <time dateTime={sent.toISOString()} title={fullTime(message.created)}>
              {shortTime(message.created)}
            </time>
          </div>
        )}
        {message.deleted ? (
          <p className="chat-text muted">Message deleted</p>
        ) : editing ? (
          <InlineEdit
            body={message.body}
            members={members}
            label="Edit message"
            onSave={props.onEdit}
            onDone={() => setEditing(false)}
            onError={setError}
          />
        ) : (
          <p className="chat-text">
            <MessageBody body={message.body} nameOf={members.nameOf} selfId={selfId} />
            {message.edited ? <span className="muted small"> (edited)</span> : null}
          </p>
        )}
        <ErrorNote error={error} />
        {footer}
      </div>
      {own && !editing ? (
        <div className="chat-actions">
          <EditDeleteButtons
            noun="message"
            onEdit={() => setEditing(true)}
            onDelete={() => setError(props.onDelete())}
          />
        </div>
      ) : null}
    </li>
  )
}
