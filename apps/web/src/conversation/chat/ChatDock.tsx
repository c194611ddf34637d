import { useState } from 'react'
import { ChatPanel } from './ChatPanel.js'
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
      <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true">
        <path
          d="M10 3c4.4 0 8 2.9 8 6.5S14.4 16 10 16c-.9 0-1.8-.1-2.6-.4L3.5 17l1.2-3.1C3.6 12.7 2 11.2 2 9.5 2 5.9 5.6 3 10 3z"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.6"
          strokeLinejoin="round"
        />
      </svg>
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
  return (
    <>
      <ChatButton room={room} pressed={open} onClick={() => setOpen((o) => !o)} />
      {open ? <ChatPanel room={room} title={title} onClose={() => setOpen(false)} /> : null}
    </>
  )
}
