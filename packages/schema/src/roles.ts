import type { DocKind } from './names.js'
import { parseDocName } from './names.js'

/** Roles per document, strongest first. */
export const ROLES = ['owner', 'editor', 'commenter', 'viewer'] as const

/** A user's role on one document. */
export type Role = (typeof ROLES)[number]

const RANK: Record<Role, number> = { owner: 3, editor: 2, commenter: 1, viewer: 0 }

/** True when `role` is one of {@link ROLES}. */
export function isRole(role: unknown): role is Role {
  return typeof role === 'string' && Object.hasOwn(RANK, role)
}

/** True when `role` is `min` or stronger. */
export function roleAtLeast(role: Role, min: Role): boolean {
  return RANK[role] >= RANK[min]
}

/** The weakest role that may write to a document of this kind. */
export function writeRoleFor(kind: DocKind): Role {
  switch (kind) {
    case 'doc':
    case 'board':
    case 'workspace':
      return 'editor'
    case 'comments':
    case 'chat':
      return 'commenter'
    case 'inbox':
      return 'owner'
    default: {
      const never: never = kind
      throw new Error(`unknown document kind ${String(never)}`)
    }
  }
}

/** True when `role` may write to a document of `kind` (content: editor+, comments/chat: commenter+). */
export function canWrite(kind: DocKind, role: Role): boolean {
  return roleAtLeast(role, writeRoleFor(kind))
}

/**
 * The document whose role governs access to `name`: `comments:x` and `chat:x` follow `doc:x`
 * (ARCHITECTURE.md: "the comments/chat docs follow their document").
 */
export function governingDocName(name: string): string {
  const parsed = parseDocName(name)
  if (parsed && (parsed.kind === 'comments' || parsed.kind === 'chat')) return `doc:${parsed.id}`
  return name
}

/**
 * The role that a token's `roles` claim gives for a document name: the exact name wins over a
 * `<kind>:*` pattern; `*` alone matches every document. Unknown role strings are ignored.
 */
export function resolveRole(
  roles: Readonly<Record<string, unknown>> | undefined,
  name: string,
): Role | undefined {
  if (!roles || typeof roles !== 'object') return undefined
  const lookup = (key: string): Role | undefined => {
    const value = Object.hasOwn(roles, key) ? roles[key] : undefined
    return isRole(value) ? value : undefined
  }
  const kind = name.slice(0, name.indexOf(':'))
  return lookup(name) ?? lookup(`${kind}:*`) ?? lookup('*')
}
