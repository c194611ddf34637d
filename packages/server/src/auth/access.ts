import {
  canWrite,
  governingDocName,
  parseDocName,
  resolveRole,
  TandemError,
  type DocName,
  type Role,
} from '@tandem/schema'
import type { TokenClaims } from './tokens.js'

/** Where roles come from when the token does not name one. */
export interface RoleSource {
  roleOf(doc: string, userId: string): Promise<Role | undefined>
}

/** What a user may do on one document. */
export interface Access {
  doc: DocName
  role: Role
  /** True when the role may not write this kind of document: nothing it sends is stored or relayed. */
  readOnly: boolean
}

/**
 * Decides a user's role on a document (ARCHITECTURE.md, Roles): token claims (exact name over
 * `<kind>:*`), else the membership table, else `defaultRole`. `comments:x` and `chat:x` follow
 * `doc:x`; `inbox:u` belongs to user u alone. Throws TandemError `invalid-document-name` or
 * `forbidden`.
 */
export class RoleGuard {
  constructor(
    private readonly memberships: RoleSource,
    private readonly defaultRole: Role | null,
  ) {}

  async access(claims: TokenClaims, name: string): Promise<Access> {
    const doc = parseDocName(name)
    if (!doc)
      throw new TandemError(
        'invalid-document-name',
        `not a valid document name: ${name.slice(0, 100)}`,
      )
    if (doc.kind === 'inbox') {
      if (doc.id !== claims.sub)
        throw new TandemError('forbidden', 'an inbox belongs to its user alone')
      return { doc, role: 'owner', readOnly: false }
    }
    const governing = governingDocName(doc.name)
    const role =
      resolveRole(claims.roles, governing) ??
      (await this.memberships.roleOf(governing, claims.sub)) ??
      this.defaultRole
    if (role === null) throw new TandemError('forbidden')
    return { doc, role, readOnly: !canWrite(doc.kind, role) }
  }
}
