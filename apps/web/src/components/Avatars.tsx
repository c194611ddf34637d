import type { Peer } from '@tandem/react'

const STATUS_TEXT = { online: 'online', away: 'away', busy: 'busy' } as const

/** Initials for an avatar: first letters of the first two words. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean)
  const letters = words.slice(0, 2).map((word) => [...word][0] ?? '')
  return letters.join('').toUpperCase() || '?'
}

/** Round avatars of the people here, with a status dot (online / away / busy). */
export function Avatars({ peers, label }: { peers: Peer[]; label: string }) {
  // One avatar per user even with several tabs; the most present tab wins.
  const byUser = new Map<string, Peer>()
  for (const peer of peers) {
    const seen = byUser.get(peer.user.id)
    if (!seen || rank(peer) < rank(seen)) byUser.set(peer.user.id, peer)
  }
  const shown = [...byUser.values()]
  // Your own typing is no news to you.
  const typing = (peer: Peer) => peer.typing && !peer.isSelf
  return (
    <ul className="avatars" aria-label={label} data-testid="avatars">
      {shown.map((peer) => (
        <li
          key={peer.user.id}
          className={`avatar avatar-${peer.status}${typing(peer) ? ' avatar-typing' : ''}`}
          style={{ backgroundColor: peer.user.color }}
          title={`${peer.user.name}${peer.isSelf ? ' (you)' : ''} — ${STATUS_TEXT[peer.status]}${typing(peer) ? ', typing' : ''}`}
          aria-label={`${peer.user.name}${peer.isSelf ? ' (you)' : ''}, ${STATUS_TEXT[peer.status]}`}
          data-testid="avatar"
          data-name={peer.user.name}
          data-status={peer.status}
        >
          <span aria-hidden="true">{initials(peer.user.name)}</span>
          <span className="avatar-status" aria-hidden="true" />
        </li>
      ))}
    </ul>
  )
}

function rank(peer: Peer): number {
  return peer.status === 'online' ? 0 : peer.status === 'busy' ? 1 : 2
}
