import { useState } from 'react'
import { ChatIcon } from '../icons.js'
import { ChatPanel } from './ChatPanel.js'
import { useChatLink } from './useChatLink.js'
import { useChatRoom, type ChatRoom } from './useChatRoom.js'
import '../conversation.css'

export { ChatPanel }

/** The "Chat" button; its name carries the unread count ("Chat, 3 unread"). */
export function ChatButton(props: { room: ChatRoom; pressed: boolean; onClick: () => void }) {
  const { room, pressed, onClick } = props
  const unread = room.unread
  return (
    <button
      type="button"
      className={`button${pressed ? ' pressed' : ''}`}
      aria-label={unread > 0 ? `Chat, ${unread > 99 ? '99+' : unread} unread` : 'Chat'}
      aria-pressed={pressed}
      onClick={onClick}
      data-testid="chat-button"
      data-unread={unread}
    >
      <ChatIcon />
      <span className="button-label">Chat</span>
      {unread > 0 ? <span className="badge">{unread > 99 ? '99+' : unread}</span> : null}
    </button>
  )
}

/**
 * A chat button with its panel for one room, for pages that have no other side panel (the
 * board, the workspace home). Mount it where the button should appear; the panel is fixed to
 * the right edge of the window.
 */
export function ChatDock({ roomName, title }: { roomName: string; title: string }) {
  const room = useChatRoom(roomName)
  const [open, setOpen] = useState(false)
  const focus = useChatLink(room, () => setOpen(true))
  return (
    <>
      <ChatButton room={room} pressed={open} onClick={() => setOpen((o) => !o)} />
      {open ? (
        <ChatPanel room={room} title={title} focus={focus} onClose={() => setOpen(false)} />
      ) : null}
    </>
  )
}
