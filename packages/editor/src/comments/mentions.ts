import { mentionToken } from '@tandem/schema'

/** Someone who can be @mentioned (a workspace member). */
export interface Mentionable {
  readonly id: string
  readonly name: string
  readonly color?: string
}

/** An @mention being typed: where its `@` is and what follows it up to the caret. */
export interface MentionQuery {
  readonly start: number
  readonly query: string
}

const LONGEST_QUERY = 40
const MENTION_TOKEN = /<@([A-Za-z0-9_-]{1,64})>/g

/**
 * The mention being typed at `caret`, or null: an `@` at the start or after a space or
 * bracket, followed by at most two words and no line break ("@Ada Lo" finds Ada Lovelace).
 */
export function mentionQuery(text: string, caret: number): MentionQuery | null {
  const before = text.slice(0, caret)
  const at = before.lastIndexOf('@')
  if (at < 0) return null
  if (at > 0 && !/[\s([{]/.test(before[at - 1] ?? '')) return null // an e-mail address
  const query = before.slice(at + 1)
  if (query.length > LONGEST_QUERY || /[\n\r]/.test(query) || /^\s/.test(query)) return null
  if (query.split(' ').length > 2) return null
  return { start: at, query }
}

/** Members whose name (or a word of it) starts with `query`, best first, at most `limit`. */
export function matchMembers<M extends Mentionable>(
  members: readonly M[],
  query: string,
  limit = 6,
): M[] {
  const q = query.trim().toLocaleLowerCase()
  const score = (member: M): number => {
    const name = member.name.toLocaleLowerCase()
    if (!q) return 1
    if (name.startsWith(q)) return 3
    if (name.split(/\s+/).some((word) => word.startsWith(q))) return 2
    return name.includes(q) ? 1 : 0
  }
  return members
    .map((member) => ({ member, score: score(member) }))
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score || a.member.name.localeCompare(b.member.name))
    .slice(0, limit)
    .map((entry) => entry.member)
}

/** `text` with the typed `@query` replaced by `@Name `; returns the new text and caret. */
export function insertMention(
  text: string,
  query: MentionQuery,
  caret: number,
  member: Mentionable,
): { text: string; caret: number } {
  const inserted = `@${member.name} `
  const after = text.slice(caret).replace(/^ /, '')
  return {
    text: text.slice(0, query.start) + inserted + after,
    caret: query.start + inserted.length,
  }
}

/**
 * Turns the `@Name` of each picked member into its `<@id>` token (what is stored), so a
 * mention keeps pointing at the person after a rename. Longer names first: "@Ada Lovelace"
 * wins over "@Ada". A name typed by hand without picking it stays plain text.
 */
export function encodeMentions(text: string, picked: readonly Mentionable[]): string {
  const byLength = [...picked].sort((a, b) => b.name.length - a.name.length)
  let out = text
  for (const member of byLength) {
    if (!member.name) continue
    const escaped = member.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    out = out.replace(new RegExp(`(^|[\\s([{])@${escaped}(?![\\p{L}\\p{N}])`, 'gu'), (_, lead) => {
      return `${String(lead)}${mentionToken(member.id)}`
    })
  }
  return out
}

/**
 * The editable form of a stored body: `<@id>` tokens become `@Name`, and the members they
 * name come back as picked (so saving an edit keeps them as mentions).
 */
export function decodeMentions(
  body: string,
  nameOf: (userId: string) => string | null,
): { text: string; picked: Mentionable[] } {
  const picked = new Map<string, Mentionable>()
  const text = body.replace(MENTION_TOKEN, (token, id: string) => {
    const name = nameOf(id)
    if (!name) return token
    picked.set(id, { id, name })
    return `@${name}`
  })
  return { text, picked: [...picked.values()] }
}
