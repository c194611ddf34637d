/**
 * The host app's own world: its users, its documents and who may do what. None of this lives
 * in Tandem; the backend turns it into the `roles` claim of the token it signs.
 */

/** A Tandem role (ARCHITECTURE.md): owner > editor > commenter > viewer. */
export type Role = 'owner' | 'editor' | 'commenter' | 'viewer'

export interface HostUser {
  id: string
  name: string
  color: string
  /** Demo only: a real app checks a password hash or an identity provider. */
  password: string
}

export interface HostDocument {
  /** Tandem document id: the editor opens `doc:<id>`. */
  id: string
  title: string
}

export const USERS: readonly HostUser[] = [
  { id: 'ada', name: 'Ada Lovelace', color: '#e5484d', password: 'demo' },
  { id: 'bob', name: 'Bob Kahn', color: '#0090ff', password: 'demo' },
  { id: 'cy', name: 'Cy Young', color: '#30a46c', password: 'demo' },
]

export const DOCUMENTS: readonly HostDocument[] = [
  { id: 'handbook', title: 'Team handbook' },
  { id: 'roadmap', title: 'Roadmap' },
]

// Per-document roles: Ada edits, Bob comments, Cy reads. Everyone edits their own notes.
const ROLES: Record<string, Record<string, Role>> = {
  ada: { handbook: 'editor', roadmap: 'editor' },
  bob: { handbook: 'commenter', roadmap: 'commenter' },
  cy: { handbook: 'viewer', roadmap: 'viewer' },
}

/** The personal notes document of a user (shown next to the main document). */
export function notesId(userId: string): string {
  return `notes-${userId}`
}

/** The user's role on each document id they may open (their notes included). */
export function rolesOf(userId: string): Record<string, Role> {
  return { ...(ROLES[userId] ?? {}), [notesId(userId)]: 'editor' }
}

/** The user with this id and password, or null. */
export function findUser(id: unknown, password: unknown): HostUser | null {
  const user = USERS.find((u) => u.id === id)
  return user && typeof password === 'string' && password === user.password ? user : null
}
