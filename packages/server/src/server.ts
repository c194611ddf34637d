import { mkdir } from 'node:fs/promises'
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { Hocuspocus, type Extension } from '@hocuspocus/server'
import { closeEventFor } from '@tandem/schema'
import { RoleGuard } from './auth/access.js'
import { ApiFeatures } from './api-features.js'
import { Authentication } from './auth/authentication.js'
import { loadOrCreateLocalSecret } from './auth/local-secret.js'
import { TokenAuthority } from './auth/tokens.js'
import { AwarenessCoalescer } from './collab/awareness-coalescer.js'
import { CollabEndpoint } from './collab/collab-endpoint.js'
import { Persistence } from './collab/persistence.js'
import { createRequestHandler } from './http/routes.js'
import { StaticFiles } from './http/static-files.js'
import { createJsonLogger, type Logger } from './logger.js'
import { ServerMetrics } from './metrics.js'
import { resolveOptions, type ResolvedOptions, type ServerOptions } from './options.js'
import { Compactor } from './store/compactor.js'
import { Memberships } from './store/memberships.js'
import { SqliteDatabase } from './store/sqlite-database.js'
import { SqliteUpdateStore } from './store/sqlite-update-store.js'
import type { UpdateStore } from './store/update-store.js'

/** File name of the SQLite database inside the data dir. */
export const DATABASE_FILE = 'tandem.sqlite'

/** A running (or startable) Tandem server. */
export interface TandemServer {
  /** Opens the database and starts listening. */
  listen(): Promise<{ port: number; url: string }>
  /** Refuses new work, closes every socket, flushes every pending write, then closes. */
  close(): Promise<void>
  /** The Hocuspocus instance (available after listen()). */
  readonly hocuspocus: Hocuspocus
  /** The update store (available after listen()). */
  readonly store: UpdateStore
  /** The membership table (available after listen()). */
  readonly memberships: Memberships
  /** Prometheus metrics. */
  readonly metrics: ServerMetrics
  /** True in local mode (no secret or JWKS given): guest sign-in on. */
  readonly localMode: boolean
  /** Every REST route (method + OpenAPI path) the server serves (available after listen()). */
  readonly apiRoutes: readonly { method: string; path: string }[]
}

interface Running {
  hocuspocus: Hocuspocus
  store: SqliteUpdateStore
  memberships: Memberships
  compactor: Compactor
  endpoint: CollabEndpoint
  features: ApiFeatures
  http: HttpServer
  /** Health turns 503 from here on (load balancers stop sending traffic). */
  markStopping(): void
}

// How long close() waits for clients to go and documents to unload before it forces them.
const SHUTDOWN_GRACE_MS = 5_000

/** Creates a Tandem collaboration server; call `listen()` to start it. */
export function createServer(options: ServerOptions = {}): TandemServer {
  const config = resolveOptions(options)
  const logger = options.logger ?? createJsonLogger({ level: config.logLevel })
  let running: Running | undefined
  let starting: Promise<{ port: number; url: string }> | undefined
  let closing: Promise<void> | undefined
  let hocuspocusRef: Hocuspocus | undefined
  const metrics = new ServerMetrics(() => hocuspocusRef?.getDocumentsCount() ?? 0)
  const started = (): Running => {
    if (!running) throw new Error('the server is not started: call listen() first')
    return running
  }

  return {
    listen() {
      starting ??= start(config, logger, metrics).then(({ state, address }) => {
        running = state
        hocuspocusRef = state.hocuspocus
        return address
      })
      return starting
    },
    close() {
      closing ??= (async () => {
        // A failed start was reported to listen()'s caller and cleaned up by start() itself.
        if (starting) await starting.catch(() => undefined)
        if (running) await stop(running, logger)
      })()
      return closing
    },
    get hocuspocus() {
      return started().hocuspocus
    },
    get store() {
      return started().store
    },
    get memberships() {
      return started().memberships
    },
    get apiRoutes() {
      return started().features.routes
    },
    metrics,
    localMode: !config.jwtSecret && !config.jwksUrl,
  }
}

async function start(
  config: ResolvedOptions,
  logger: Logger,
  metrics: ServerMetrics,
): Promise<{ state: Running; address: { port: number; url: string } }> {
  await mkdir(config.dataDir, { recursive: true })
  const database = await SqliteDatabase.open(join(config.dataDir, DATABASE_FILE))
  const store = new SqliteUpdateStore({
    database,
    onCommit: (appends, ms) => {
      metrics.storeLatency.observe(ms / 1000)
      metrics.storeBatchSize.observe(appends)
    },
  })
  const memberships = new Memberships(database)
  const localMode = !config.jwtSecret && !config.jwksUrl
  const tokens = new TokenAuthority(
    config.jwtSecret
      ? { secret: new TextEncoder().encode(config.jwtSecret) }
      : config.jwksUrl
        ? { jwksUrl: config.jwksUrl }
        : { secret: await loadOrCreateLocalSecret(config.dataDir) },
  )
  const compactor = new Compactor({ store, thresholds: config.compaction, logger })
  const persistence = new Persistence({
    store,
    compactor,
    memberships,
    maxDocumentBytes: config.limits.maxDocumentBytes,
    logger,
  })
  const roles = new RoleGuard(memberships, config.defaultRole)
  const features = new ApiFeatures({
    options: config.api,
    database,
    store,
    memberships,
    tokens,
    roles,
    logger,
  })
  const extensions: Extension[] = [
    new Authentication({
      tokens,
      roles,
      metrics,
      logger,
    }),
    persistence,
    new AwarenessCoalescer({ windowMs: config.awarenessWindowMs, metrics }),
    ...features.extensions,
  ]
  if (config.redisUrl) {
    // Loaded on demand: ioredis costs ~0.3 s of start-up and memory a single instance never uses.
    const { createRedisExtension } = await import('./collab/redis.js')
    extensions.unshift(createRedisExtension(config.redisUrl))
  }
  const hocuspocus = new Hocuspocus({ name: 'tandem', quiet: true, extensions })
  const endpoint = new CollabEndpoint({
    hocuspocus,
    limits: config.limits,
    metrics,
    logger,
  })
  let ready = false
  const http = createHttpServer(
    createRequestHandler({
      guestTokens: localMode ? tokens : undefined,
      guestTokenTtlSeconds: config.guestTokenTtlSeconds,
      staticFiles: new StaticFiles(config.staticDir),
      metrics,
      logger,
      api: features,
      health: () => ({
        ready,
        documents: hocuspocus.getDocumentsCount(),
        connections: endpoint.size,
        mode: config.redisUrl ? 'multi-instance' : 'single',
        auth: localMode ? 'local' : config.jwtSecret ? 'secret' : 'jwks',
      }),
    }),
  )
  http.on('upgrade', (req, socket, head) => endpoint.handleUpgrade(req, socket, head))
  try {
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject)
      http.listen(config.port, config.host, () => {
        http.off('error', reject)
        resolve()
      })
    })
  } catch (error) {
    // E.g. EADDRINUSE: release the database so the caller may retry or exit cleanly.
    await hocuspocus.hooks('onDestroy', { instance: hocuspocus })
    await features.close()
    await store.close()
    throw error
  }
  ready = true
  const { port } = http.address() as AddressInfo
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`
  logger.info('server.listening', {
    url,
    dataDir: config.dataDir,
    auth: localMode ? 'local' : 'token',
    redis: !!config.redisUrl,
  })
  return {
    state: {
      hocuspocus,
      store,
      memberships,
      compactor,
      endpoint,
      features,
      http,
      markStopping: () => (ready = false),
    },
    address: { port, url },
  }
}

async function stop(state: Running, logger: Logger): Promise<void> {
  const { hocuspocus, store, compactor, endpoint, features, http } = state
  state.markStopping()
  http.close()
  features.closeStreams()
  // Tell clients why; they keep unacknowledged changes and resend them to the next server.
  const { code, reason } = closeEventFor('server-shutting-down')
  endpoint.closeAll(code, reason)
  hocuspocus.closeConnections()
  hocuspocus.flushPendingStores()
  await until(() => endpoint.size === 0 && hocuspocus.getDocumentsCount() === 0, SHUTDOWN_GRACE_MS)
  await endpoint.close()
  await hocuspocus.hooks('onDestroy', { instance: hocuspocus })
  await compactor.close()
  await features.close()
  await store.close()
  http.closeAllConnections()
  logger.info('server.closed', {})
}

// Bounded wait for a condition that events make true (sockets closing, documents unloading).
async function until(condition: () => boolean, deadlineMs: number): Promise<void> {
  const deadline = Date.now() + deadlineMs
  while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
}
