import { createServer as createHttpServer, type Server as HttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { hostname } from 'node:os'
import { Hocuspocus, type Extension } from '@hocuspocus/server'
import { closeEventFor } from '@tandem/schema'
import { RoleGuard } from './auth/access.js'
import { ApiFeatures } from './api-features.js'
import { Authentication } from './auth/authentication.js'
import { loadOrCreateLocalSecret } from './auth/local-secret.js'
import { TokenAuthority } from './auth/tokens.js'
import { AwarenessCoalescer } from './collab/awareness-coalescer.js'
import { CollabEndpoint } from './collab/collab-endpoint.js'
import { Notifier } from './conversation/notifier.js'
import { Persistence } from './collab/persistence.js'
import { ReloadedCopyUnloader } from './collab/reloaded-copy-unloader.js'
import { createRequestHandler } from './http/routes.js'
import { StaticFiles } from './http/static-files.js'
import { createJsonLogger, type Logger } from './logger.js'
import { ServerMetrics } from './metrics.js'
import { resolveOptions, type ResolvedOptions, type ServerOptions } from './options.js'
import type { TandemRedis } from './collab/redis.js'
import { Compactor } from './store/compactor.js'
import type { Memberships } from './store/memberships.js'
import { openStorage } from './store/storage.js'
import type { UpdateStore } from './store/update-store.js'

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
  store: UpdateStore
  memberships: Memberships
  compactor: Compactor
  endpoint: CollabEndpoint
  features: ApiFeatures
  /** Closes the instance's local SQLite beside a Postgres store (no-op in SQLite mode). */
  closeLocal: () => Promise<void>
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
  const storage = await openStorage({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    logger,
    onCommit: (appends, ms) => {
      metrics.storeLatency.observe(ms / 1000)
      metrics.storeBatchSize.observe(appends)
    },
  })
  const { store, memberships } = storage
  const localMode = !config.jwtSecret && !config.jwksUrl
  if (localMode && config.redisUrl) {
    // Guest tokens are signed with the secret in the data dir: instances behind one load
    // balancer must share it (one volume) or be given TANDEM_JWT_SECRET.
    logger.warn('server.local_mode_multi_instance', { dataDir: config.dataDir })
  }
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
    sharedStore: storage.kind === 'postgres',
  })
  const roles = new RoleGuard(memberships, config.defaultRole)
  // Mentions become events once `features` exists (the Notifier only reports after loads).
  const notifier = new Notifier({ logger, onMention: (event) => features.mention(event) })
  const features = new ApiFeatures({
    options: config.api,
    database: storage.local,
    store,
    memberships,
    tokens,
    roles,
    logger,
    onShared: (event) => notifier.share(event),
  })
  const extensions: Extension[] = [
    new Authentication({
      tokens,
      roles,
      metrics,
      logger,
    }),
    persistence,
    notifier,
    new AwarenessCoalescer({ windowMs: config.awarenessWindowMs, metrics }),
    ...features.extensions,
    // Last: runs after every other extension's unload hooks (see its comment).
    new ReloadedCopyUnloader(),
  ]
  let redis: TandemRedis | undefined
  if (config.redisUrl) {
    // Loaded on demand: ioredis costs ~0.3 s of start-up and memory a single instance never uses.
    const { createRedisExtension } = await import('./collab/redis.js')
    redis = createRedisExtension(config.redisUrl, logger)
    extensions.unshift(redis)
  }
  const hocuspocus = new Hocuspocus({ name: 'tandem', quiet: true, extensions })
  const endpoint = new CollabEndpoint({
    hocuspocus,
    limits: config.limits,
    metrics,
    logger,
  })
  let ready = false
  let instanceId = config.instanceId ?? hostname()
  const http = createHttpServer(
    createRequestHandler({
      guestTokens: localMode ? tokens : undefined,
      guestTokenTtlSeconds: config.guestTokenTtlSeconds,
      staticFiles: new StaticFiles(config.staticDir),
      metrics,
      logger,
      api: features,
      health: async () => {
        const [database, relay] = await Promise.all([
          storage.ping().then(
            () => 'ok',
            () => 'unreachable',
          ),
          redis ? redis.reachable().then((up) => (up ? 'ok' : 'unreachable')) : undefined,
        ])
        return {
          // Without its database an instance cannot acknowledge anything: take it out of the
          // load balancer. Without Redis it still stores, it only relays to nobody: stay in.
          ready: ready && database === 'ok',
          instance: instanceId,
          documents: hocuspocus.getDocumentsCount(),
          connections: endpoint.size,
          mode: config.redisUrl ? 'multi-instance' : 'single',
          store: storage.kind,
          database,
          redis: relay,
          auth: localMode ? 'local' : config.jwtSecret ? 'secret' : 'jwks',
        }
      },
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
    await storage.closeLocal()
    throw error
  }
  const { port } = http.address() as AddressInfo
  instanceId = config.instanceId ?? `${hostname()}:${port}`
  metrics.registry.setDefaultLabels({ instance: instanceId })
  ready = true
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`
  logger.info('server.listening', {
    url,
    instance: instanceId,
    store: storage.kind,
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
      closeLocal: () => storage.closeLocal(),
      http,
      markStopping: () => (ready = false),
    },
    address: { port, url },
  }
}

async function stop(state: Running, logger: Logger): Promise<void> {
  const { hocuspocus, store, compactor, endpoint, features, closeLocal, http } = state
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
  await closeLocal()
  http.closeAllConnections()
  logger.info('server.closed', {})
}

// Bounded wait for a condition that events make true (sockets closing, documents unloading).
async function until(condition: () => boolean, deadlineMs: number): Promise<void> {
  const deadline = Date.now() + deadlineMs
  while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
}
