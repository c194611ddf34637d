import { useEffect, useMemo, useState } from 'react'
import type { DocHandle } from '@tandem/client'
import { useStatus } from './useStatus.js'

/** Presence status a user announces; see ARCHITECTURE.md "Presence". */
export type PresenceStatus = 'online' | 'away' | 'busy'

/** Who a peer is, as announced in their awareness state. */
export interface PeerUser {
  id: string
  name: string
  color: string
}

/** One person with the document open, from Yjs awareness. */
export interface Peer {
  /** Yjs client id of that tab (one user may have several tabs). */
  clientId: number
  user: PeerUser
  status: PresenceStatus
  /** True for this tab's own state. */
  isSelf: boolean
  /** True while the peer is typing, if their client announces it. */
  typing: boolean
}

/** Options of {@link usePresence}. */
export interface PresenceOptions {
  /**
   * List this tab's own state too.
   * @default false
   */
  includeSelf?: boolean
}

type Awareness = DocHandle['awareness']

/**
 * People who have the handle's document open, updated live from awareness. Peers without a
 * `user` (invisible) are not listed. Cursor moves do not re-render: the list only changes when
 * someone arrives, leaves, or changes name, colour, status or typing. While the client is not
 * online only this tab is listed: the others' last known states would otherwise linger until
 * the awareness timeout, showing people as present whom nobody can see from here.
 */
export function usePresence(handle: DocHandle | null, options: PresenceOptions = {}): Peer[] {
  const includeSelf = options.includeSelf ?? false
  const online = useStatus().connection === 'online'
  const [peers, setPeers] = useState<Peer[]>([])

  useEffect(() => {
    if (!handle) {
      setPeers([])
      return
    }
    const awareness = handle.awareness
    let last = ''
    const refresh = () => {
      const next = readPeers(awareness, includeSelf)
      const key = JSON.stringify(next)
      if (key === last) return
      last = key
      setPeers(next)
    }
    refresh()
    awareness.on('change', refresh)
    return () => awareness.off('change', refresh)
  }, [handle, includeSelf])

  return useMemo(() => (online ? peers : peers.filter((peer) => peer.isSelf)), [online, peers])
}

/** Reads the awareness states into a list sorted by name, then client id (stable for UIs). */
export function readPeers(awareness: Awareness, includeSelf: boolean): Peer[] {
  const peers: Peer[] = []
  for (const [clientId, state] of awareness.getStates()) {
    const isSelf = clientId === awareness.clientID
    if (isSelf && !includeSelf) continue
    const user = asUser((state as Record<string, unknown>).user)
    if (!user) continue
    const status = asStatus((state as Record<string, unknown>).status)
    peers.push({
      clientId,
      user,
      status,
      isSelf,
      typing: (state as Record<string, unknown>).typing === true,
    })
  }
  return peers.sort((a, b) => a.user.name.localeCompare(b.user.name) || a.clientId - b.clientId)
}

function asUser(value: unknown): PeerUser | null {
  if (typeof value !== 'object' || value === null) return null
  const { id, name, color } = value as Record<string, unknown>
  if (typeof name !== 'string') return null
  return {
    id: typeof id === 'string' ? id : name,
    name,
    color: typeof color === 'string' ? color : '#888888',
  }
}

function asStatus(value: unknown): PresenceStatus {
  return value === 'away' || value === 'busy' ? value : 'online'
}
