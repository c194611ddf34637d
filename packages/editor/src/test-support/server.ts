import { createHmac } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import WebSocket from 'ws'
import { createClient, type TandemClient } from '@tandem/client'
import { createServer, type TandemServer } from '@tandem/server'

const SECRET = 'editor-test-secret-0123456789abcdef'

/** A real Tandem server (JWT mode, port 0, temp data dir) and clients with signed tokens. */
export interface TestServer {
  readonly server: TandemServer
  /** A client for `user`; `roles` goes into the token's `roles` claim. */
  client(user: { id: string; name: string }, roles?: Record<string, string>): TandemClient
  /** `ws://127.0.0.1:<port>/collab`. */
  readonly collabUrl: string
  /** A token for `user` (HS256, the server's secret) valid for `ttlSeconds`. */
  token(
    user: { id: string; name: string },
    roles?: Record<string, string>,
    ttlSeconds?: number,
  ): string
  close(): Promise<void>
}

export async function startTestServer(): Promise<TestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'tandem-editor-'))
  const server = createServer({ port: 0, dataDir, jwtSecret: SECRET, logLevel: 'error' })
  const { url } = await server.listen()
  const collabUrl = `${url.replace('http', 'ws')}/collab`
  const clients: TandemClient[] = []
  return {
    server,
    collabUrl,
    token: (user, roles = { 'doc:*': 'editor' }, ttlSeconds = 600) =>
      signToken({
        sub: user.id,
        name: user.name,
        roles,
        iat: Math.floor(Date.now() / 1000),
        exp: Math.floor(Date.now() / 1000) + ttlSeconds,
      }),
    client(user, roles = { 'doc:*': 'editor' }) {
      const token = signToken({
        sub: user.id,
        name: user.name,
        roles,
        exp: Math.floor(Date.now() / 1000) + 600,
      })
      const client = createClient({
        url: collabUrl,
        token,
        persistence: false,
        WebSocketPolyfill: WebSocket,
      })
      clients.push(client)
      return client
    },
    async close() {
      await Promise.all(clients.map((client) => client.destroy()))
      await server.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

/** HS256 JWT, as a host app's backend would sign it for an embedded editor. */
function signToken(claims: Record<string, unknown>): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
  const body = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`
  return `${body}.${createHmac('sha256', SECRET).update(body).digest('base64url')}`
}
