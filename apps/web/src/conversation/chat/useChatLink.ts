import { useEffect, useRef, useState } from 'react'
import { useChatDeepLink } from '../deepLink.js'
import type { ChatRoom } from './useChatRoom.js'

/**
 * A `#chat-<messageId>` deep link (what chat notifications link to) that names a message of
 * this room: calls `onFollow` once when the message is here (it may arrive with the first
 * sync), and returns the id to show, or null. Links into other rooms are left alone.
 */
export function useChatLink(room: ChatRoom, onFollow: () => void): string | null {
  const linked = useChatDeepLink()
  const [target, setTarget] = useState<string | null>(null)
  const followed = useRef<string | null>(null)
  const latest = useRef(onFollow)
  useEffect(() => {
    latest.current = onFollow
  })
  const { chat, version } = room
  useEffect(() => {
    if (linked === null) {
      followed.current = null
      return
    }
    if (!chat || followed.current === linked || chat.indexOf(linked) < 0) return
    followed.current = linked
    setTarget(linked)
    latest.current()
  }, [chat, version, linked])
  return target
}
