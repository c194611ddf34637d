import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, join, normalize } from 'node:path'
import type { HostConfig } from './config.js'
import { DOCUMENTS, USERS, findUser, notesId, rolesOf, type HostUser } from './directory.js'
import { signTandemToken } from './tandem-token.js'

/** Error codes of this backend's JSON API (the same shape as Tandem's errors). */
type ApiErrorCode = 'bad-request' | 'unauthorized' | 'not-found' | 'method-not-allowed'

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message)
  }
}

const SESSION_COOKIE = 'host_session'
const MAX_BODY_BYTES = 4096
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
}

/** The host's HTTP API (login, session, Tandem tokens) and its built frontend. */
export function createHandler(
  config: HostConfig,
): (req: IncomingMessage, res: ServerResponse) => void {
  // Sessions in memory: a demo. A restart signs everyone out, which the app handles.
  const sessions = new Map<string, HostUser>()

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://host')
    const method = req.method ?? 'GET'
    const session = (): HostUser => {
      const id = readCookie(req, SESSION_COOKIE)
      const user = id ? sessions.get(id) : undefined
      if (!user) throw new ApiError(401, 'unauthorized', 'not signed in')
      return user
    }
    switch (url.pathname) {
      case '/api/login': {
        allow(method, 'POST')
        const body = await readJson(req)
        const user = findUser(body.username, body.password)
        if (!user) throw new ApiError(401, 'unauthorized', 'unknown user or wrong password')
        const id = randomBytes(24).toString('base64url')
        sessions.set(id, user)
        res.setHeader('set-cookie', `${SESSION_COOKIE}=${id}; HttpOnly; SameSite=Lax; Path=/`)
        return sendJson(res, 200, me(user))
      }
      case '/api/logout': {
        allow(method, 'POST')
        const id = readCookie(req, SESSION_COOKIE)
        if (id) sessions.delete(id)
        res.setHeader('set-cookie', `${SESSION_COOKIE}=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0`)
        return sendJson(res, 200, { ok: true })
      }
      case '/api/me':
        allow(method, 'GET')
        return sendJson(res, 200, me(session()))
      case '/api/config':
        allow(method, 'GET')
        return sendJson(res, 200, { tandemUrl: config.tandemUrl })
      case '/api/tandem-token': {
        // What the editor's getToken() calls: the backend, not the browser, holds the secret.
        allow(method, 'GET')
        const token = await signTandemToken(session(), config.secret, config.tokenTtlSeconds)
        res.writeHead(200, {
          'content-type': 'text/plain; charset=utf-8',
          'cache-control': 'no-store',
        })
        res.end(token)
        return
      }
      default:
        if (url.pathname.startsWith('/api/'))
          throw new ApiError(404, 'not-found', 'no such endpoint')
        allow(method, 'GET')
        return sendStatic(config.staticDir, url.pathname, res)
    }
  }

  return (req, res) => {
    route(req, res).catch((error: unknown) => {
      if (error instanceof ApiError) {
        sendJson(res, error.status, { error: { code: error.code, message: error.message } })
        return
      }
      console.error('example-host: request failed', req.method, req.url, error)
      sendJson(res, 500, { error: { code: 'internal', message: 'internal error' } })
    })
  }
}

/** What the frontend learns about the signed-in user: who, which documents, which roles. */
function me(user: HostUser) {
  const roles = rolesOf(user.id)
  return {
    user: { id: user.id, name: user.name, color: user.color },
    documents: DOCUMENTS.map((doc) => ({ ...doc, role: roles[doc.id] ?? null })),
    notes: { id: notesId(user.id), title: 'My notes', role: roles[notesId(user.id)] ?? null },
    users: USERS.map((u) => u.id),
  }
}

function allow(method: string, expected: string): void {
  if (method !== expected) throw new ApiError(405, 'method-not-allowed', `use ${expected}`)
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let size = 0
  const chunks: Buffer[] = []
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.byteLength
    if (size > MAX_BODY_BYTES) throw new ApiError(400, 'bad-request', 'body too large')
    chunks.push(chunk)
  }
  let body: unknown
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch {
    throw new ApiError(400, 'bad-request', 'body is not JSON')
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiError(400, 'bad-request', 'body must be a JSON object')
  }
  return body as Record<string, unknown>
}

function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=')
    if (key === name) return value.join('=')
  }
  return undefined
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' })
  res.end(JSON.stringify(body))
}

/** A file of the built frontend; anything else is the app shell (client-side routes). */
async function sendStatic(dir: string, pathname: string, res: ServerResponse): Promise<void> {
  const file = normalize(join(dir, decodeURIComponent(pathname)))
  const inside = file.startsWith(dir + '/') && extname(file) !== ''
  const path = inside ? file : join(dir, 'index.html')
  const body = await readFile(path).catch(() => null)
  if (body === null) {
    if (inside) throw new ApiError(404, 'not-found', 'no such file')
    res.writeHead(503, { 'content-type': 'text/plain' })
    res.end('the frontend is not built: run pnpm --dir apps/example-host build')
    return
  }
  res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' })
  res.end(body)
}
