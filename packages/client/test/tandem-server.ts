import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { TokenAuthority, createServer, type TandemServer } from '@tandem/server'
import type { Role } from '@tandem/schema'
import * as Y from 'yjs'

const SECRET = 'client-test-secret-0123456789abcdef'
const authority = new TokenAuthority({ secret: new TextEncoder().encode(SECRET) })

/** Signs a token for the test servers: editor everywhere unless `roles` says otherwise. */
export function signToken(
  options: { sub?: string; roles?: Record<string, Role>; ttlSeconds?: number } = {},
): Promise<string> {
  const sub = options.sub ?? 'tester'
  return authority.sign(
    { sub, name: sub, ...(options.roles ? { roles: options.roles } : {}) },
    options.ttlSeconds ?? 3600,
  )
}

/** A real Tandem server (createServer) on 127.0.0.1 with a data dir that outlives restarts. */
export interface TestServer {
  readonly port: number
  /** The WebSocket endpoint, `ws://127.0.0.1:<port>/collab`. */
  readonly url: string
  readonly dataDir: string
  readonly server: TandemServer
  /** The document as stored (snapshot + update log) by this running server. */
  stored(name: string): Promise<Y.Doc>
  close(): Promise<void>
}

/** A fresh temp data dir, removed by `removeDataDir`. */
export function makeDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'tandem-client-test-'))
}

export function removeDataDir(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true })
}

/** Starts createServer() on `port` (0 = ephemeral) over `dataDir`. */
export async function startTandemServer(options: {
  port?: number
  dataDir: string
}): Promise<TestServer> {
  const server = createServer({
    port: options.port ?? 0,
    host: '127.0.0.1',
    dataDir: options.dataDir,
    jwtSecret: SECRET,
    logLevel: 'silent',
  })
  const { port } = await server.listen()
  return {
    port,
    url: `ws://127.0.0.1:${port}/collab`,
    dataDir: options.dataDir,
    server,
    async stored(name) {
      const { snapshot, updates } = await server.store.load(name)
      const doc = new Y.Doc()
      if (snapshot) Y.applyUpdate(doc, snapshot)
      for (const update of updates) Y.applyUpdate(doc, update)
      return doc
    },
    close: () => server.close(),
  }
}
