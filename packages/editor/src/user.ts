import { colorForUser, isColor } from '@tandem/schema'

/** The person at the keyboard, as shown to others (presence `user` field, ARCHITECTURE.md). */
export interface EditorUser {
  readonly id: string
  readonly name: string
  /** `#rrggbb` (or `#rgb`); a stable colour derived from `id` when absent or invalid. */
  readonly color?: string
}

/** The `user` field published in awareness: every property present, colour as `#rrggbb`. */
export interface PresenceUser {
  readonly id: string
  readonly name: string
  readonly color: string
}

/**
 * Fills in and normalises a user for awareness. The caret extension only paints six-digit
 * colours, so `#abc` becomes `#aabbcc`; a missing name shows as "Anonymous" rather than blank.
 */
export function presenceUser(user: EditorUser): PresenceUser {
  const id = typeof user.id === 'string' ? user.id : ''
  const name =
    typeof user.name === 'string' && user.name.trim() !== '' ? user.name.trim() : 'Anonymous'
  const color = isColor(user.color) ? expandColor(user.color) : colorForUser(id)
  return { id, name, color }
}

function expandColor(color: string): string {
  if (color.length === 7) return color.toLowerCase()
  const [r, g, b] = color.slice(1)
  return `#${r}${r}${g}${g}${b}${b}`.toLowerCase()
}
