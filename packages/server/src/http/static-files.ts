import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { HttpError } from './respond.js'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
}

// Client-side routes of the web app (ARCHITECTURE.md): answered with index.html.
const SPA_ROUTES = [/^\/$/, /^\/doc\/[A-Za-z0-9_-]{1,64}\/?$/, /^\/board\/[A-Za-z0-9_-]{1,64}\/?$/]
// Vite puts content-hashed files under /assets/; they never change, so cache them for a year.
const HASHED = /^\/assets\//
// The shell and the service worker must be revalidated, or clients would never see a new build.
const NO_CACHE = new Set(['/index.html', '/sw.js', '/registerSW.js', '/manifest.webmanifest'])

const PLACEHOLDER = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Tandem server</title></head>
<body><h1>Tandem collaboration server</h1>
<p>The web app is not built. Run <code>pnpm build</code>, then restart the server.</p>
<p>WebSocket: <code>/collab</code> · health: <a href="/health">/health</a> · metrics: <a href="/metrics">/metrics</a></p>
</body></html>
`

/** Serves the built web app from `root` with SPA fallback, or a placeholder page without one. */
export class StaticFiles {
  private readonly root: string | undefined

  constructor(root: string | undefined) {
    this.root = root === undefined ? undefined : resolve(root)
  }

  /** Answers a GET/HEAD request; throws HttpError 404 for unknown paths. */
  async serve(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    const isSpaRoute = SPA_ROUTES.some((route) => route.test(pathname))
    if (this.root !== undefined) {
      const file = await this.find(isSpaRoute ? '/index.html' : pathname)
      if (file)
        return this.send(req, res, file.path, file.size, isSpaRoute ? '/index.html' : pathname)
    }
    if (isSpaRoute) {
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-cache',
      })
      res.end(req.method === 'HEAD' ? undefined : PLACEHOLDER)
      return
    }
    throw new HttpError(404, 'not-found', `no such file: ${pathname.slice(0, 200)}`)
  }

  private async find(pathname: string): Promise<{ path: string; size: number } | undefined> {
    const root = this.root as string
    let decoded: string
    try {
      decoded = decodeURIComponent(pathname)
    } catch {
      throw new HttpError(400, 'bad-request', 'malformed percent-encoding in path')
    }
    const path = normalize(join(root, decoded))
    // Never serve anything outside the root (../ tricks, encoded or not).
    if (path !== root && !path.startsWith(root + sep)) throw new HttpError(404, 'not-found')
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined
      throw error
    })
    return info?.isFile() ? { path, size: info.size } : undefined
  }

  private send(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    size: number,
    pathname: string,
  ): void {
    const cache = HASHED.test(pathname)
      ? 'public, max-age=31536000, immutable'
      : NO_CACHE.has(pathname)
        ? 'no-cache'
        : 'public, max-age=300'
    res.writeHead(200, {
      'content-type': TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
      'content-length': size,
      'cache-control': cache,
      'x-content-type-options': 'nosniff',
    })
    if (req.method === 'HEAD') {
      res.end()
      return
    }
    createReadStream(path)
      .on('error', (error) => res.destroy(error))
      .pipe(res)
  }
}
