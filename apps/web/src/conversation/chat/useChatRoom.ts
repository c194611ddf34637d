import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import {
  useDocument,
  useLocalPresence,
  usePresence,
  type DocumentState,
  type PeerUser,
} from '@tandem/react'
import { chatDoc, type ChatDoc } from '@tandem/schema'
import { useMe } from '../../session/me.js'

/** The unread count stops here (the badge shows "99+"), so huge unread rooms stay cheap. */
export const UNREAD_MAX = 100
/** How long `typing` stays on after the last keystroke. */
const TYPING_IDLE_MS = 3000

/** A chat room as the UI needs it. */
export interface ChatRoom extends DocumentState {
  name: string
  chat: ChatDoc | null
  /** Bumps on every change of the room (messages or read markers). */
  version: number
  /** Messages from others after my read marker, at most {@link UNREAD_MAX}. */
  unread: number
  /** Others typing in this room right now (from awareness, never stored). */
  typing: PeerUser[]
  /** Announces (or withdraws) that I am typing; only transitions go out. */
  setTyping: (typing: boolean) => void
}

/**
 * Opens a `chat:<id>` room while mounted (also with the panel closed, for the unread count)
 * and announces the signed-in user in its awareness, where typing indicators live.
 */
export function useChatRoom(name: string): ChatRoom {
  const me = useMe()
  const state = useDocument(name)
  const { handle, doc, loaded, synced, readOnly } = state
  const chat = useMemo(() => (doc ? chatDoc(doc) : null), [doc])
  const [version, setVersion] = useState(0)
  const [unread, setUnread] = useState(0)
  useLocalPresence(handle, { user: me.user, status: me.status })
  const peers = usePresence(handle)

  useEffect(() => {
    if (!chat) return
    const refresh = () => {
      setVersion((v) => v + 1)
      setUnread(chat.unreadCount(me.user.id, { max: UNREAD_MAX }))
    }
    refresh()
    return chat.observe(refresh)
  }, [chat, me.user.id])

  useEffect(() => {
    if (chat && loaded && synced && !readOnly) chat.migrate()
  }, [chat, loaded, synced, readOnly])

  const typingNow = useRef(false)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const setTyping = useCallback(
    (typing: boolean) => {
      if (!handle) return
      if (timer.current) clearTimeout(timer.current)
      timer.current = typing ? setTimeout(() => setTyping(false), TYPING_IDLE_MS) : null
      if (typingNow.current === typing || handle.awareness.getLocalState() === null) return
      typingNow.current = typing
      handle.awareness.setLocalStateField('typing', typing)
    },
    [handle],
  )
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current)
    },
    [],
  )

  const typingPeers = useMemo(() => {
    const seen = new Map<string, PeerUser>()
    for (const peer of peers)
      if (peer.typing && peer.user.id !== me.user.id) seen.set(peer.user.id, peer.user)
    return [...seen.values()]
  }, [peers, me.user.id])

  return useMemo(
    () => ({ ...state, name, chat, version, unread, typing: typingPeers, setTyping }),
    [state, name, chat, version, unread, typingPeers, setTyping],
  )
}
