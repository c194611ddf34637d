import type { IncomingMessage, ServerResponse } from 'node:http'
import type { TokenAuthority } from '../auth/tokens.js'
import type { Logger } from '../logger.js'
import type { ServerMetrics } from '../metrics.js'
import { handleGuestSession } from './guest-session.js'
import { HttpError, sendError, sendJson } from './respond.js'
import type { StaticFiles } from './static-files.js'

/** What the HTTP routes need from the server. */
export interface RoutesOptions {
  /** Signs guest tokens; undefined outside local mode (guest sign-in off). */
  guestTokens: TokenAuthority | undefined
  guestTokenTtlSeconds: number
  staticFiles: StaticFiles
  metrics: ServerMetrics
  logger: Logger
  /** Health details (probes the database and Redis); `ready` false answers 503. */
  health: () => Promise<{ ready: boolean } & Record<string, unknown>>
  /** More /api routes (REST, events); answers false for a path it does not serve. */
  api?: { handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> }
}

/** The HTTP side of the server: API, health, metrics and the web app. */
export function createRequestHandler(
  options: RoutesOptions,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    route(options, req, res).catch((error: unknown) => {
      if (error instanceof HttpError) {
        // A refused body may still be streaming in: close instead of reading it.
        if (error.status === 413) res.setHeader('connection', 'close')
        if (!res.headersSent) sendError(res, error)
        else res.destroy()
        return
      }
      options.logger.error('http.failed', {
        method: req.method,
        // Without the query: `/api/events?token=` carries a token.
        url: req.url?.split('?')[0]?.slice(0, 200),
        error,
      })
      if (!res.headersSent)
        sendJson(res, 500, { error: { code: 'internal', message: 'internal server error' } })
      else res.destroy()
    })
  }
}

async function route(
  options: RoutesOptions,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost')
  const pathname = url.pathname
  const method = req.method ?? 'GET'
  switch (pathname) {
    case '/health': {
      allow(method, ['GET', 'HEAD'])
      const health = await options.health()
      sendJson(res, health.ready ? 200 : 503, {
        status: health.ready ? 'ok' : 'unavailable',
        ...health,
      })
      return
    }
    case '/metrics': {
      allow(method, ['GET'])
      const body = await options.metrics.registry.metrics()
      res.writeHead(200, {
        'content-type': options.metrics.registry.contentType,
        'cache-control': 'no-store',
      })
      res.end(body)
      return
    }
    case '/api/session': {
      allow(method, ['POST'])
      if (!options.guestTokens) {
        throw new HttpError(404, 'not-found', 'guest sign-in is only available in local mode')
      }
      await handleGuestSession(req, res, options.guestTokens, options.guestTokenTtlSeconds)
      return
    }
    case '/collab':
      throw new HttpError(426, 'bad-request', '/collab is a WebSocket endpoint', {
        upgrade: 'websocket',
      })
  }
  if (pathname.startsWith('/api/') && options.api && (await options.api.handle(req, res, url)))
    return
  if (pathname.startsWith('/api/'))
    throw new HttpError(404, 'not-found', `no API route ${pathname.slice(0, 200)}`)
  allow(method, ['GET', 'HEAD'])
  await options.staticFiles.serve(req, res, pathname)
}

function allow(method: string, methods: string[]): void {
  if (!methods.includes(method)) {
    throw new HttpError(405, 'bad-request', `method ${method} not allowed`, {
      allow: methods.join(', '),
    })
  }
}
