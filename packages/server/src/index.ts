export { createServer } from './server.js'
export { DATABASE_FILE } from './store/storage.js'
export type { TandemServer } from './server.js'
export { resolveOptions, DEFAULT_LIMITS, DEFAULT_COMPACTION, DEFAULT_API } from './options.js'
export type {
  ServerOptions,
  LimitOptions,
  CompactionOptions,
  ApiOptions,
  ResolvedOptions,
} from './options.js'
export { createJsonLogger, isLogLevel, LOG_LEVELS } from './logger.js'
export type { Logger, LogLevel, LogFields, JsonLoggerOptions } from './logger.js'
export type { UpdateStore, StoredDocument } from './store/update-store.js'
export { SqliteUpdateStore } from './store/sqlite-update-store.js'
export type { SqliteUpdateStoreOptions } from './store/sqlite-update-store.js'
export { SqliteDatabase } from './store/sqlite-database.js'
export { GroupCommit } from './store/group-commit.js'
export type { GroupCommitOptions } from './store/group-commit.js'
export { SqliteMemberships } from './store/memberships.js'
export type { Memberships } from './store/memberships.js'
export { PostgresDatabase, DatabaseUrlError, checkPostgresUrl } from './store/postgres-database.js'
export type { PostgresDatabaseOptions } from './store/postgres-database.js'
export { PostgresUpdateStore } from './store/postgres-update-store.js'
export type { PostgresUpdateStoreOptions } from './store/postgres-update-store.js'
export { PostgresMemberships } from './store/postgres-memberships.js'
export { TokenAuthority } from './auth/tokens.js'
export type { TokenClaims, TokenKeys } from './auth/tokens.js'
export { RoleGuard } from './auth/access.js'
export type { Access, RoleSource } from './auth/access.js'
export { LOCAL_SECRET_FILE, loadOrCreateLocalSecret } from './auth/local-secret.js'
export { COLLAB_PATH } from './collab/collab-endpoint.js'
export { YJS_PATH } from './collab/yjs-door.js'
export type { CollabContext, SessionUser } from './collab/context.js'
export { ServerMetrics } from './metrics.js'
export { OPENAPI_DOCUMENT } from './http/rest/openapi.js'
export {
  signPayload,
  verifySignature,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
} from './webhooks/signature.js'
export { WEBHOOK_EVENTS } from './webhooks/webhook-store.js'
export type { WebhookEvent } from './webhooks/webhook-store.js'
export type { FeedEvent, FeedEventType } from './events/event-log.js'
export type { VersionInfo, VersionKind, Author } from './history/version-store.js'
export type { VersionDiff, DiffBlock, DiffSpan, AuthorChanges } from './history/version-diff.js'
export { fragmentToJson, appendJson, replaceJson } from './richtext/prosemirror-json.js'
export type { PmNode, PmMark } from './richtext/prosemirror-json.js'
export { markdownToJson } from './richtext/from-markdown.js'
export { htmlToJson } from './richtext/from-html.js'
export { toMarkdown } from './richtext/to-markdown.js'
export { toHtml, toText } from './richtext/to-html.js'
