import type { Role } from '@tandem/schema'
import type { Logger, LogLevel } from './logger.js'

/** Limits that protect the server from bad or abusive clients. */
export interface LimitOptions {
  /** Largest WebSocket frame accepted, checked before decoding. @default 8 MiB */
  maxFrameBytes: number
  /** Largest stored size of one document (snapshot + log); updates beyond are refused. @default 64 MiB */
  maxDocumentBytes: number
  /** Sustained messages per second per connection (token bucket refill rate). @default 500 */
  messagesPerSecond: number
  /** Messages a connection may send in one burst (token bucket size). @default 5000 */
  messageBurst: number
}

/** When a document's update log is folded into a new snapshot. */
export interface CompactionOptions {
  /** Compact once the log of a document holds this many updates. @default 500 */
  maxLogEntries: number
  /** Compact once the log of a document holds this many bytes. @default 4 MiB */
  maxLogBytes: number
  /** Compact a loaded document whose log has had no append for this long. @default 30000 */
  idleMs: number
}

/** Options for {@link createServer}. */
export interface ServerOptions {
  /** TCP port; 0 picks a free one. @default 8080 */
  port?: number
  /** Interface to listen on. @default '127.0.0.1' */
  host?: string
  /** Holds tandem.sqlite and, in local mode, the generated JWT secret. @default './data' */
  dataDir?: string
  /** HS256 secret for tokens. Neither this nor jwksUrl: local mode (secret in dataDir, guest sign-in). */
  jwtSecret?: string
  /** JWKS URL for tokens signed by another service. */
  jwksUrl?: string
  /** Redis URL (`redis://host:port`): multi-instance mode through the Hocuspocus Redis extension. */
  redisUrl?: string
  /** Postgres URL (`postgres://user:password@host:port/db`): the store shared by every instance. @default SQLite in dataDir */
  databaseUrl?: string
  /** Name of this instance in /health and the `instance` label of /metrics. @default `<hostname>:<port>` */
  instanceId?: string
  /** Built web app served with SPA fallback; absent: a small placeholder page. */
  staticDir?: string
  /** Role when neither token claims nor the membership table name one; null refuses. @default 'editor' */
  defaultRole?: Role | null
  /** Abuse limits. @default see {@link LimitOptions} */
  limits?: Partial<LimitOptions>
  /** Compaction thresholds. @default see {@link CompactionOptions} */
  compaction?: Partial<CompactionOptions>
  /** Awareness broadcasts are coalesced per document over this window (ms; 0 = one event-loop turn). @default 10 */
  awarenessWindowMs?: number
  /** Lifetime of guest tokens from `POST /api/session` (seconds). @default 30 days */
  guestTokenTtlSeconds?: number
  /** REST API, events, history and webhooks. @default see {@link ApiOptions} */
  api?: Partial<ApiOptions>
  /** Structured logger. @default JSON lines on stdout at `logLevel` */
  logger?: Logger
  /** Level of the default logger. @default 'info' */
  logLevel?: LogLevel
}

/** The REST API, Server-Sent Events, version history and webhooks. */
export interface ApiOptions {
  /** Largest REST request body (Markdown/HTML/JSON). @default 1 MiB */
  maxBodyBytes: number
  /** Events kept for `Last-Event-ID` replay on `/api/events`. @default 1000 */
  eventReplayCapacity: number
  /** Quiet period that folds a document's changes into one `document-updated` event (ms). @default 250 */
  eventDebounceMs: number
  /** Heartbeat comment interval on idle event streams (ms). @default 15000 */
  eventHeartbeatMs: number
  /** An automatic version is cut after this long without edits to a document (ms). @default 30000 */
  versionPauseMs: number
  /** ... or at the latest this long after the first edit of a group (ms). @default 600000 */
  versionMaxGroupMs: number
  /** A document's updates within this quiet period make one webhook delivery (ms). @default 2000 */
  webhookDebounceMs: number
  /** First webhook retry after this long, doubling per attempt up to an hour (ms). @default 1000 */
  webhookRetryBaseMs: number
  /** Attempts before a webhook delivery is marked failed. @default 8 */
  webhookMaxAttempts: number
  /** Time a webhook receiver has to answer (ms). @default 10000 */
  webhookTimeoutMs: number
}

/** Default API options. */
export const DEFAULT_API: ApiOptions = {
  maxBodyBytes: 1024 * 1024,
  eventReplayCapacity: 1000,
  eventDebounceMs: 250,
  eventHeartbeatMs: 15_000,
  versionPauseMs: 30_000,
  versionMaxGroupMs: 600_000,
  webhookDebounceMs: 2000,
  webhookRetryBaseMs: 1000,
  webhookMaxAttempts: 8,
  webhookTimeoutMs: 10_000,
}

/** Default limits. */
export const DEFAULT_LIMITS: LimitOptions = {
  maxFrameBytes: 8 * 1024 * 1024,
  maxDocumentBytes: 64 * 1024 * 1024,
  messagesPerSecond: 500,
  messageBurst: 5000,
}

/** Default compaction thresholds. */
export const DEFAULT_COMPACTION: CompactionOptions = {
  maxLogEntries: 500,
  maxLogBytes: 4 * 1024 * 1024,
  idleMs: 30_000,
}

/** Options with every default filled in. */
export interface ResolvedOptions {
  port: number
  host: string
  dataDir: string
  jwtSecret: string | undefined
  jwksUrl: string | undefined
  redisUrl: string | undefined
  databaseUrl: string | undefined
  instanceId: string | undefined
  staticDir: string | undefined
  defaultRole: Role | null
  limits: LimitOptions
  compaction: CompactionOptions
  api: ApiOptions
  awarenessWindowMs: number
  guestTokenTtlSeconds: number
  logLevel: LogLevel
}

/** Merges `options` over the defaults and checks them; throws a TypeError naming a bad field. */
export function resolveOptions(options: ServerOptions): ResolvedOptions {
  const resolved: ResolvedOptions = {
    port: options.port ?? 8080,
    host: options.host ?? '127.0.0.1',
    dataDir: options.dataDir ?? './data',
    jwtSecret: options.jwtSecret || undefined,
    jwksUrl: options.jwksUrl || undefined,
    redisUrl: options.redisUrl || undefined,
    databaseUrl: options.databaseUrl || undefined,
    instanceId: options.instanceId || undefined,
    staticDir: options.staticDir,
    defaultRole: options.defaultRole === undefined ? 'editor' : options.defaultRole,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    compaction: { ...DEFAULT_COMPACTION, ...options.compaction },
    api: { ...DEFAULT_API, ...options.api },
    awarenessWindowMs: options.awarenessWindowMs ?? 10,
    guestTokenTtlSeconds: options.guestTokenTtlSeconds ?? 30 * 24 * 3600,
    logLevel: options.logLevel ?? 'info',
  }
  if (!Number.isInteger(resolved.port) || resolved.port < 0 || resolved.port > 65535) {
    throw new TypeError(`port must be an integer 0-65535, got ${String(options.port)}`)
  }
  for (const [group, values] of [
    ['limits', resolved.limits],
    ['compaction', resolved.compaction],
    ['api', resolved.api],
  ] as const) {
    for (const [key, value] of Object.entries(values)) {
      if (typeof value !== 'number' || !(value > 0)) {
        throw new TypeError(`${group}.${key} must be a positive number, got ${String(value)}`)
      }
    }
  }
  if (!(resolved.awarenessWindowMs >= 0)) {
    throw new TypeError(`awarenessWindowMs must be >= 0, got ${String(options.awarenessWindowMs)}`)
  }
  return resolved
}
