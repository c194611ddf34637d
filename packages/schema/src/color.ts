/** Readable caret/avatar colours on white and on dark text. */
export const USER_COLORS = [
  '#e5484d',
  '#f76b15',
  '#ffb224',
  '#46a758',
  '#12a594',
  '#0090ff',
  '#3e63dd',
  '#8e4ec6',
  '#d6409f',
  '#a18072',
  '#5b5bd6',
  '#29a383',
] as const

/** A stable colour for a user id (same id, same colour on every device). */
export function colorForUser(id: string): string {
  let hash = 2166136261
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 16777619)
  return USER_COLORS[(hash >>> 0) % USER_COLORS.length] as string
}

/** True for `#rgb` or `#rrggbb`. */
export function isColor(value: unknown): value is string {
  return typeof value === 'string' && /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(value)
}
