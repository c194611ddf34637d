import type { IncomingMessage, ServerResponse } from 'node:http'
import type { RoleGuard } from '../../auth/access.js'
import type { TokenAuthority } from '../../auth/tokens.js'
import { sendJson } from '../respond.js'
import { ApiRouter, type ApiRoute } from './api-route.js'
import { OPENAPI_DOCUMENT } from './openapi.js'

/** Options for {@link RestApi}. */
export interface RestApiOptions {
  tokens: TokenAuthority
  roles: RoleGuard
  /** Feature routes (documents, versions, events, webhooks, export). */
  routes: readonly ApiRoute[]
}

/** The REST API under /api: feature routes plus `GET /api/openapi.json`. */
export class RestApi {
  readonly router: ApiRouter

  constructor(options: RestApiOptions) {
    const openapi: ApiRoute = {
      method: 'GET',
      path: '/api/openapi.json',
      async handle({ res }) {
        sendJson(res, 200, OPENAPI_DOCUMENT)
      },
    }
    this.router = new ApiRouter([openapi, ...options.routes], options.tokens, options.roles)
  }

  /** Handles the request when it is for a REST route; false otherwise. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    return this.router.handle(req, res, url)
  }
}
