import type {
  Extension,
  connectedPayload,
  onAuthenticatePayload,
  onTokenSyncPayload,
} from '@hocuspocus/server'
import { closeEventFor, TandemError, type ErrorCode } from '@tandem/schema'
import type { Logger } from '../logger.js'
import type { ServerMetrics } from '../metrics.js'
import type { CollabContext } from '../collab/context.js'
import type { RoleGuard } from './access.js'
import type { TokenAuthority } from './tokens.js'

/** Options for {@link Authentication}. */
export interface AuthenticationOptions {
  tokens: TokenAuthority
  roles: RoleGuard
  metrics: ServerMetrics
  logger: Logger
}

/**
 * Authenticates each document connection from the token in the Hocuspocus auth message:
 * verifies the JWT, checks the document name, resolves the role and marks read-only
 * connections (Hocuspocus then neither applies nor relays their writes). A refusal reaches the
 * client as a permission-denied message whose reason is the stable error code.
 */
export class Authentication implements Extension {
  extensionName = 'TandemAuthentication'

  constructor(private readonly options: AuthenticationOptions) {}

  async onAuthenticate({
    token,
    documentName,
    connectionConfig,
    socketId,
  }: onAuthenticatePayload): Promise<CollabContext> {
    try {
      const claims = await this.options.tokens.verify(token)
      const access = await this.options.roles.access(claims, documentName)
      connectionConfig.readOnly = access.readOnly
      return {
        user: { id: claims.sub, name: claims.name, color: claims.color },
        role: access.role,
        tokenExp: claims.exp,
      }
    } catch (error) {
      if (!(error instanceof TandemError)) throw error
      this.options.metrics.refusals.inc({ code: error.code })
      this.options.logger.info('collab.auth_refused', {
        socket: socketId,
        doc: documentName.slice(0, 100),
        code: error.code,
        reason: error.message,
      })
      // Hocuspocus sends `reason` in the permission-denied message. A refusal without a
      // `message` also keeps Hocuspocus from printing it unstructured to stderr (it was logged
      // above as a JSON line).
      const refusal: { reason: ErrorCode } = { reason: error.code }
      throw refusal
    }
  }

  async connected({ context, connection, documentName }: connectedPayload): Promise<void> {
    const { socket, tokenExp, user, role } = context as CollabContext
    socket?.expireAt(connection.messageAddress, tokenExp)
    socket?.attach(connection)
    this.options.logger.debug('collab.connected', {
      socket: socket?.id,
      doc: documentName,
      user: user?.id,
      role,
      readOnly: connection.readOnly,
    })
  }

  /**
   * A fresh token on an open document connection (the client refreshes before expiry, see
   * @tandem/client): verified like the first one, for the same user, and it moves the socket's
   * expiry, so a session outlives its first token without reconnecting. The role is resolved
   * again (a host may have changed it). A bad token closes this document's connection with
   * its error code; the client fetches another token and authenticates again.
   */
  async onTokenSync({ token, context, connection, documentName }: onTokenSyncPayload) {
    const ctx = context as CollabContext
    try {
      const claims = await this.options.tokens.verify(token)
      if (claims.sub !== ctx.user?.id) {
        throw new TandemError('unauthorized', 'a refreshed token must name the same user')
      }
      const access = await this.options.roles.access(claims, documentName)
      connection.readOnly = access.readOnly
      ctx.role = access.role
      ctx.tokenExp = claims.exp
      ctx.socket?.expireAt(connection.messageAddress, claims.exp)
    } catch (error) {
      if (!(error instanceof TandemError)) throw error
      this.options.metrics.refusals.inc({ code: error.code })
      this.options.logger.info('collab.token_refresh_refused', {
        socket: ctx.socket?.id,
        doc: documentName.slice(0, 100),
        code: error.code,
        reason: error.message,
      })
      // Closed here rather than thrown: Hocuspocus would print a thrown refusal to stderr,
      // unstructured (it is logged above). The client reads the code from the reason.
      connection.close(closeEventFor(error.code))
    }
  }
}
