/** "just now", "5 min", "14:03", "Mon 14:03", "3 Mar" — short times for comments and chat. */
export function shortTime(at: number, now = Date.now()): string {
  const seconds = (now - at) / 1000
  if (seconds < 45) return 'just now'
  if (seconds < 3600) return `${Math.max(1, Math.round(seconds / 60))} min ago`
  const date = new Date(at)
  const today = new Date(now)
  const time = date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
  if (date.toDateString() === today.toDateString()) return time
  if (now - at < 6 * 86_400_000)
    return `${date.toLocaleDateString(undefined, { weekday: 'short' })} ${time}`
  return date.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })
}

/** Full date and time, for a tooltip. */
export function fullTime(at: number): string {
  return new Date(at).toLocaleString()
}

/** The local calendar day of a time, as a comparable string. */
export function dayOf(at: number): string {
  return new Date(at).toDateString()
}

/** "Today", "Yesterday", or the date ("Monday, 3 March"), for day separators. */
export function dayLabel(at: number, now = Date.now()): string {
  if (dayOf(at) === dayOf(now)) return 'Today'
  if (dayOf(at) === dayOf(now - 86_400_000)) return 'Yesterday'
  return new Date(at).toLocaleDateString(undefined, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  })
}
