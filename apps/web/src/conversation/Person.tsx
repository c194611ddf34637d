import { initials } from '../components/Avatars.js'

/** A small round avatar with initials, for comments and chat. */
export function PersonAvatar({ name, color }: { name: string; color: string | null }) {
  return (
    <span
      className="person-avatar"
      style={{ backgroundColor: color ?? 'var(--muted)' }}
      aria-hidden="true"
    >
      {initials(name)}
    </span>
  )
}
