import { Fragment, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { MentionTextarea, type MentionTextareaHandle } from '@tandem/editor'
import type { ChatMessage } from '@tandem/schema'
import { useMe } from '../../session/me.js'
import { Drawer } from '../Drawer.js'
import { attempt } from '../errors.js'
import { SendIcon } from '../icons.js'
import { ErrorNote } from '../OwnItem.js'
import { useMembers } from '../members.js'
import { dayLabel, dayOf } from '../time.js'
import { ChatMessageRow } from './ChatMessageRow.js'
import type { ChatRoom } from './useChatRoom.js'

/** Messages rendered at first, and added per scroll to the top. */
export const CHAT_PAGE = 50
/** The same author within this many ms is one group (one author line). */
const GROUP_MS = 5 * 60_000
/** Distance from the bottom (px) that still counts as "at the newest message". */
const BOTTOM_SLACK = 48

/**
 * A chat room's panel. Only a window of the room is read and rendered: the newest
 * {@link CHAT_PAGE} messages, and older pages as the user scrolls up, so a room of 100,000
 * messages opens as fast as one of 50. The read marker moves when the newest message shows.
 */
export function ChatPanel({
  room,
  title,
  onClose,
  focus = null,
}: {
  room: ChatRoom
  title: string
  onClose: () => void
  /** A message to scroll to and mark (a deep link's target). @default null */
  focus?: string | null
}) {
  const me = useMe().user
  const members = useMembers()
  const { chat, version, readOnly } = room
  const length = chat?.length ?? 0
  // Index of the first rendered message; null follows the newest page.
  const [start, setStart] = useState<number | null>(null)
  const from = start ?? Math.max(0, length - CHAT_PAGE)
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `version` stands for the room's content
  const messages = useMemo(() => chat?.window(from, length) ?? [], [chat, from, length, version])
  const list = useRef<HTMLOListElement>(null)
  const atBottom = useRef(true)
  const heightBefore = useRef<number | null>(null)
  const [error, setError] = useState<string | null>(null)
  const composer = useRef<MentionTextareaHandle>(null)
  const last = messages.at(-1) ?? null

  // Keep the view where it was when older messages are added above, and at the bottom when
  // new ones arrive while the newest was showing.
  useLayoutEffect(() => {
    const el = list.current
    if (!el) return
    if (heightBefore.current !== null) {
      el.scrollTop += el.scrollHeight - heightBefore.current
      heightBefore.current = null
    } else if (atBottom.current) el.scrollTop = el.scrollHeight
  }, [messages])

  // Newer messages arrived while the user reads older ones: offer a way down, not a jump.
  const [behind, setBehind] = useState(false)
  const lastId = last?.id
  const seenLast = useRef(lastId)
  useEffect(() => {
    if (lastId === seenLast.current) return
    seenLast.current = lastId
    if (!atBottom.current) setBehind(true)
  }, [lastId])
  const toNewest = () => {
    atBottom.current = true
    setBehind(false)
    setStart(null)
    const el = list.current
    if (el) el.scrollTop = el.scrollHeight
  }

  // A linked message: load the window from a little before it, then bring it into view.
  const focusIndex = focus && chat ? chat.indexOf(focus) : -1
  useLayoutEffect(() => {
    if (focusIndex < 0) return
    atBottom.current = false
    setStart((current) => {
      const first = current ?? Math.max(0, length - CHAT_PAGE)
      return focusIndex < first ? Math.max(0, focusIndex - 10) : current
    })
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per target, not per message
  }, [focusIndex])
  useEffect(() => {
    if (!focus) return
    list.current
      ?.querySelector(`[data-message-id="${CSS.escape(focus)}"]`)
      ?.scrollIntoView({ block: 'center' })
  }, [focus, from])

  const onScroll = () => {
    const el = list.current
    if (!el) return
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < BOTTOM_SLACK
    if (atBottom.current && behind) setBehind(false)
    if (el.scrollTop < 80 && from > 0 && heightBefore.current === null) {
      heightBefore.current = el.scrollHeight
      setStart(Math.max(0, from - CHAT_PAGE))
    }
    markRead()
  }

  const markRead = () => {
    if (!chat || !last || readOnly || !atBottom.current) return
    if (document.visibilityState !== 'visible') return
    const marker = chat.lastRead(me.id)
    if (marker?.messageId === last.id) return
    chat.markRead(me.id, last.id)
  }
  // eslint-disable-next-line react-hooks/exhaustive-deps -- re-check whenever the newest message changes
  useEffect(markRead, [chat, last?.id, readOnly])
  useEffect(() => {
    const onVisible = () => markRead()
    document.addEventListener('visibilitychange', onVisible)
    return () => document.removeEventListener('visibilitychange', onVisible)
  })

  const seenBy = useMemo(() => {
    if (!chat || !last) return []
    return chat
      .seenBy(last.id)
      .filter((id) => id !== me.id && id !== last.author.id)
      .map((id) => members.nameOf(id) ?? 'someone')
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `version` covers read markers
  }, [chat, last, me.id, members, version])

  const send = (body: string) => {
    if (!chat) return false
    const failure = attempt(() => void chat.send({ author: { id: me.id, name: me.name }, body }))
    setError(failure)
    if (failure) return false
    room.setTyping(false)
    atBottom.current = true
    setStart(null)
  }

  return (
    <Drawer title={title} onClose={onClose} testId="chat-panel">
      <ol
        className="chat-log"
        ref={list}
        onScroll={onScroll}
        aria-label="Messages"
        data-testid="chat-log"
        data-first-index={from}
        data-length={length}
      >
        {from > 0 ? (
          <li className="chat-more muted small">Scroll up for older messages</li>
        ) : length > 0 ? (
          <li className="chat-start muted small">This is the start of the conversation.</li>
        ) : null}
        {messages.map((message, i) => {
          const previous = messages[i - 1]
          const newDay = !previous || dayOf(previous.created) !== dayOf(message.created)
          return (
            <Fragment key={message.id}>
              {newDay ? (
                <li className="chat-day" role="separator" aria-label={dayLabel(message.created)}>
                  <span>{dayLabel(message.created)}</span>
                </li>
              ) : null}
              <ChatMessageRow
                message={message}
                focused={message.id === focus}
                continued={!newDay && continues(previous, message)}
                members={members}
                selfId={me.id}
                canWrite={!readOnly}
                onEdit={(body) => attempt(() => chat?.edit(message.id, me.id, body))}
                onDelete={() => attempt(() => chat?.delete(message.id, me.id))}
                footer={
                  message === last && seenBy.length > 0 ? (
                    <p className="chat-seen muted small" data-testid="seen-by">
                      Seen by {seenBy.join(', ')}
                    </p>
                  ) : null
                }
              />
            </Fragment>
          )
        })}
      </ol>
      {length === 0 ? (
        <div className="drawer-empty">
          <p>No messages yet</p>
          <p className="muted small">Say hello — everyone here will see it, also later.</p>
        </div>
      ) : null}
      {behind ? (
        <button type="button" className="chat-newer" onClick={toNewest}>
          New messages ↓
        </button>
      ) : null}
      <p className="chat-typing muted small" aria-live="polite" data-testid="typing">
        {typingText(room.typing.map((user) => user.name))}
      </p>
      {readOnly ? (
        <p className="muted small chat-readonly">You can read this chat but not write in it.</p>
      ) : (
        <div className="chat-composer composer">
          <MentionTextarea
            ref={composer}
            members={members.list}
            label="Message"
            placeholder="Write a message…"
            disabled={!chat}
            onSubmit={send}
            onInput={(text) => room.setTyping(text.length > 0)}
          />
          <button
            type="button"
            className="button primary small send-button"
            aria-label="Send"
            onClick={() => composer.current?.submit()}
            disabled={!chat}
          >
            <SendIcon />
          </button>
        </div>
      )}
      <ErrorNote error={error} />
    </Drawer>
  )
}

function continues(previous: ChatMessage | undefined, message: ChatMessage): boolean {
  return (
    !!previous &&
    !previous.deleted &&
    previous.author.id === message.author.id &&
    message.created - previous.created < GROUP_MS
  )
}

/** "Ada is typing…", "Ada and Grace are typing…", "3 people are typing…". */
export function typingText(names: string[]): string {
  if (names.length === 0) return ''
  if (names.length === 1) return `${names[0]} is typing…`
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`
  return `${names.length} people are typing…`
}
