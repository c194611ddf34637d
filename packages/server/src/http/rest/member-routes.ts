import { governingDocName, isRole, isValidId, TandemError, type Role } from '@tandem/schema'
import type { Memberships } from '../../store/memberships.js'
import { readJsonBody } from '../json-body.js'
import { sendJson } from '../respond.js'
import type { ApiRoute } from './api-route.js'

/** Someone being given a role on a document by its owner (for the share notification). */
export interface ShareEvent {
  doc: string
  recipient: string
  role: Role
  actor: { id: string; name: string }
}

/** What the membership routes need. */
export interface MemberRoutesOptions {
  memberships: Memberships
  /** Called once the role is stored: the server notifies the recipient. */
  onShared: (event: ShareEvent) => void
}

const MAX_BODY_BYTES = 4096

/**
 * `PUT /api/docs/{name}/members/{userId}` `{"role": "editor"}`: the owner of a document gives a
 * user a role on it in the server's membership table (comments and chat follow their document),
 * and the user gets a "shared with you" notification.
 */
export function memberRoutes(options: MemberRoutesOptions): ApiRoute[] {
  return [
    {
      method: 'PUT',
      path: '/api/docs/{name}/members/{userId}',
      async handle({ req, res, params, authorize }) {
        const { claims, access } = await authorize(params.name as string, 'owner')
        const userId = params.userId
        if (!isValidId(userId)) {
          throw new TandemError('bad-request', 'userId must match [A-Za-z0-9_-]{1,64}')
        }
        const body = (await readJsonBody(req, MAX_BODY_BYTES)) as { role?: unknown } | null
        const role = body?.role
        if (!isRole(role)) {
          throw new TandemError('bad-request', 'role must be owner, editor, commenter or viewer')
        }
        const doc = governingDocName(access.doc.name)
        await options.memberships.setRole(doc, userId, role)
        if (userId !== claims.sub) {
          options.onShared({
            doc,
            recipient: userId,
            role,
            actor: { id: claims.sub, name: claims.name },
          })
        }
        sendJson(res, 200, { name: doc, userId, role })
      },
    },
  ]
}
