import { useEffect } from 'react'
import type { DocHandle } from '@tandem/client'
import type { PeerUser, PresenceStatus } from './usePresence.js'

/** What this tab announces about itself on a document. */
export interface LocalPresence {
  /** Who this is; null announces nothing (invisible). */
  user: PeerUser | null
  /**
   * How others should see this user.
   * @default 'online'
   */
  status?: PresenceStatus
}

/**
 * Announces `user` and `status` in the handle's awareness. Other fields (cursor, selection)
 * are left to their owners, e.g. the editor.
 */
export function useLocalPresence(handle: DocHandle | null, presence: LocalPresence): void {
  const { user } = presence
  const status = presence.status ?? 'online'
  const id = user?.id
  const name = user?.name
  const color = user?.color

  useEffect(() => {
    if (!handle) return
    const awareness = handle.awareness
    if (id === undefined || name === undefined || color === undefined) {
      awareness.setLocalState(null)
      return
    }
    // No cleanup: the editor shares this state (carets), and the client withdraws the tab's
    // awareness when the last user releases the handle, so others see it leave at once.
    // setLocalStateField does nothing on a null state (after being invisible): start a new one.
    if (awareness.getLocalState() === null) awareness.setLocalState({ user: { id, name, color } })
    else awareness.setLocalStateField('user', { id, name, color })
  }, [handle, id, name, color])

  useEffect(() => {
    if (!handle || id === undefined) return
    handle.awareness.setLocalStateField('status', status)
  }, [handle, id, status])
}
