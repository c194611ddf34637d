import type { IncomingMessage, ServerResponse } from 'node:http'
import { isValidId, TandemError, type ErrorCode } from '@tandem/schema'
import type { Access, RoleGuard } from '../../auth/access.js'
import type { TokenAuthority, TokenClaims } from '../../auth/tokens.js'
import { HttpError } from '../respond.js'

/** One request to a REST route, with its path parameters already decoded. */
export interface ApiRequest {
  req: IncomingMessage
  res: ServerResponse
  params: Readonly<Record<string, string>>
  query: URLSearchParams
  /** Verifies the request's token (`Authorization: Bearer`, or `?token=` when allowed). */
  authenticate(options?: { queryToken?: boolean }): Promise<TokenClaims>
  /** Authenticates and resolves the caller's role on `name`; `write` refuses read-only roles. */
  authorize(
    name: string,
    need: 'read' | 'write' | 'owner',
    options?: { queryToken?: boolean },
  ): Promise<{ claims: TokenClaims; access: Access }>
}

/** A REST route: method + OpenAPI path template (`/api/docs/{name}`) + handler. */
export interface ApiRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  path: string
  handle(request: ApiRequest): Promise<void>
}

/** A workspace id from a path or query parameter; throws `invalid-document-name` otherwise. */
export function workspaceIdOf(id: string | undefined): string {
  if (!isValidId(id)) {
    throw new TandemError('invalid-document-name', 'workspace id must match [A-Za-z0-9_-]{1,64}')
  }
  return id
}

/** HTTP status for an expected failure's code. */
export function statusFor(code: ErrorCode): number {
  switch (code) {
    case 'unauthorized':
    case 'token-expired':
      return 401
    case 'forbidden':
    case 'read-only':
      return 403
    case 'not-found':
      return 404
    case 'document-too-large':
    case 'frame-too-large':
      return 413
    case 'rate-limited':
      return 429
    case 'storage-failed':
      return 500
    case 'server-shutting-down':
      return 503
    case 'invalid-document-name':
    case 'malformed-message':
    case 'bad-request':
    case 'client-destroyed':
      return 400
    default: {
      const never: never = code
      throw new Error(`unknown error code ${String(never)}`)
    }
  }
}

/** The TandemError as an HttpError with its status (HttpErrors pass through). */
export function toHttpError(error: TandemError): HttpError {
  if (error instanceof HttpError) return error
  return new HttpError(statusFor(error.code), error.code, error.message)
}

interface CompiledRoute {
  route: ApiRoute
  pattern: RegExp
  names: string[]
}

/** Matches requests against REST routes and runs the handler with auth helpers. */
export class ApiRouter {
  private readonly compiled: CompiledRoute[]

  constructor(
    readonly routes: readonly ApiRoute[],
    private readonly tokens: TokenAuthority,
    private readonly roles: RoleGuard,
  ) {
    this.compiled = routes.map((route) => {
      const names: string[] = []
      const source = route.path
        .split('/')
        .map((part) => {
          const param = /^\{(\w+)\}$/.exec(part)
          if (!param) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')
          names.push(param[1] as string)
          return '([^/]+)'
        })
        .join('/')
      return { route, pattern: new RegExp(`^${source}$`), names }
    })
  }

  /** Handles the request when a route matches its path; false when none does. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const matches = this.compiled
      .map((c) => ({ c, m: c.pattern.exec(url.pathname) }))
      .filter((x): x is { c: CompiledRoute; m: RegExpExecArray } => x.m !== null)
    if (matches.length === 0) return false
    const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET')
    const hit = matches.find((x) => x.c.route.method === method)
    if (!hit) {
      throw new HttpError(405, 'bad-request', `method ${method} not allowed`, {
        allow: [...new Set(matches.map((x) => x.c.route.method))].join(', '),
      })
    }
    const params: Record<string, string> = {}
    hit.c.names.forEach((name, i) => {
      try {
        params[name] = decodeURIComponent(hit.m[i + 1] as string)
      } catch {
        throw new HttpError(400, 'bad-request', `path parameter ${name} is not valid URL encoding`)
      }
    })
    const authenticate = async (options: { queryToken?: boolean } = {}): Promise<TokenClaims> => {
      const header = req.headers.authorization
      let token: string | undefined
      if (header !== undefined) {
        const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header)
        if (!bearer)
          throw new HttpError(401, 'unauthorized', 'Authorization must be "Bearer <token>"')
        token = bearer[1]
      } else if (options.queryToken) {
        token = url.searchParams.get('token') ?? undefined
      }
      try {
        return await this.tokens.verify(token)
      } catch (error) {
        throw error instanceof TandemError ? toHttpError(error) : error
      }
    }
    const request: ApiRequest = {
      req,
      res,
      params,
      query: url.searchParams,
      authenticate,
      authorize: async (name, need, options) => {
        const claims = await authenticate(options)
        try {
          const access = await this.roles.access(claims, name)
          if (need === 'write' && access.readOnly) {
            throw new TandemError(
              'read-only',
              `role ${access.role} may not write ${access.doc.name}`,
            )
          }
          if (need === 'owner' && access.role !== 'owner') {
            throw new TandemError('forbidden', `only an owner may do this (role: ${access.role})`)
          }
          return { claims, access }
        } catch (error) {
          throw error instanceof TandemError ? toHttpError(error) : error
        }
      },
    }
    try {
      await hit.c.route.handle(request)
    } catch (error) {
      throw error instanceof TandemError ? toHttpError(error) : error
    }
    return true
  }
}
