import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import { SignJWT } from 'jose'
import { afterEach } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { createServer, type ServerOptions, type TandemServer } from '../../src/index.js'

export const SECRET = 'test-secret-0123456789abcdef0123456789'

/** A server on port 0 with a temp data dir; `stop()` closes it and removes the dir. */
export interface TestServer {
  server: TandemServer
  url: string
  wsUrl: string
  dataDir: string
  stop(options?: { keepData?: boolean }): Promise<void>
}

export async function makeDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'tandem-server-test-'))
}

/**
 * The clients of each test, destroyed after it, and then the test's current server stopped
 * (registers an afterEach in the calling describe block).
 */
export function tearDownAfterEach(current: () => TestServer | undefined): TestClient[] {
  const clients: TestClient[] = []
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy()
    await current()?.stop()
  })
  return clients
}

export async function startServer(options: ServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await makeDataDir())
  const server = createServer({
    port: 0,
    jwtSecret: SECRET,
    logLevel: 'silent',
    ...options,
    dataDir,
  })
  const { url } = await server.listen()
  return {
    server,
    url,
    wsUrl: url.replace('http', 'ws') + '/collab',
    dataDir,
    async stop({ keepData = false } = {}) {
      await server.close()
      if (!keepData) await rm(dataDir, { recursive: true, force: true })
    },
  }
}

/** Signs a Tandem token (HS256). */
export async function signToken(
  claims: { sub: string; name?: string; roles?: Record<string, string>; color?: string },
  options: { secret?: string; expiresInSeconds?: number } = {},
): Promise<string> {
  const jwt = new SignJWT({
    name: claims.name ?? claims.sub,
    roles: claims.roles,
    color: claims.color,
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + (options.expiresInSeconds ?? 3600))
  return jwt.sign(new TextEncoder().encode(options.secret ?? SECRET))
}

/** A stock Hocuspocus provider on its own socket, as a third-party app would use it. */
export interface TestClient {
  provider: HocuspocusProvider
  socket: HocuspocusProviderWebsocket
  doc: Y.Doc
  /** Close events of the socket (code, reason). */
  closes: { code: number; reason: string }[]
  /** permission-denied reasons. */
  denied: string[]
  destroy(): void
}

export function connect(
  wsUrl: string,
  name: string,
  token: string,
  options: { doc?: Y.Doc } = {},
): TestClient {
  const closes: { code: number; reason: string }[] = []
  const denied: string[] = []
  const socket = new HocuspocusProviderWebsocket({
    url: wsUrl,
    WebSocketPolyfill: WebSocket,
    delay: 50,
    minDelay: 50,
    maxDelay: 200,
    onClose: ({ event }) => closes.push({ code: event.code, reason: String(event.reason) }),
  })
  const doc = options.doc ?? new Y.Doc()
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name,
    token,
    document: doc,
    onAuthenticationFailed: ({ reason }) => denied.push(reason),
  })
  provider.attach()
  return {
    provider,
    socket,
    doc,
    closes,
    denied,
    destroy() {
      provider.destroy()
      socket.destroy()
    },
  }
}

/** Polls `condition` until true or the deadline passes (then throws with `what`). */
export async function waitFor(
  condition: () => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

/** Waits until the provider is synced and the server acknowledged every local change. */
export function waitForAcked(client: TestClient, timeoutMs = 10_000): Promise<void> {
  return waitFor(
    () => client.provider.isSynced && client.provider.unsyncedChanges === 0,
    'server acknowledgement',
    timeoutMs,
  )
}
