import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Extension, Hocuspocus, onConfigurePayload } from '@hocuspocus/server'
import type { RoleGuard } from './auth/access.js'
import type { TokenAuthority } from './auth/tokens.js'
import type { InboxEvent } from './conversation/inbox-events.js'
import { DocumentAccess } from './documents/document-access.js'
import { ChangeFeed } from './events/change-feed.js'
import { EventHub } from './events/event-hub.js'
import { eventRoutes } from './events/event-routes.js'
import { HistoryRecorder } from './history/history-recorder.js'
import { versionRoutes } from './history/version-routes.js'
import { VersionStore } from './history/version-store.js'
import { exportRoutes } from './export/export-routes.js'
import { docRoutes } from './http/rest/doc-routes.js'
import { memberRoutes, type ShareEvent } from './http/rest/member-routes.js'
import { WebhookDispatcher } from './webhooks/webhook-dispatcher.js'
import { webhookRoutes } from './webhooks/webhook-routes.js'
import { WebhookStore } from './webhooks/webhook-store.js'
import { RestApi } from './http/rest/rest-api.js'
import type { Logger } from './logger.js'
import type { ApiOptions } from './options.js'
import type { Memberships } from './store/memberships.js'
import type { SqliteDatabase } from './store/sqlite-database.js'
import type { UpdateStore } from './store/update-store.js'

/** What {@link ApiFeatures} builds on. */
export interface ApiFeaturesOptions {
  options: ApiOptions
  database: SqliteDatabase
  store: UpdateStore
  memberships: Memberships
  tokens: TokenAuthority
  roles: RoleGuard
  logger: Logger
  /** A document was shared with someone (their role is stored): notify them. */
  onShared: (event: ShareEvent) => void
}

/**
 * The integrator-facing features (REST API, events, history, webhooks, export) in one place, so
 * the server core only registers their Hocuspocus extensions, hands them /api requests and
 * closes them on shutdown.
 */
export class ApiFeatures {
  /** Hocuspocus extensions the features need (the change feed, and one that learns the instance). */
  readonly extensions: Extension[]
  private readonly api: RestApi
  private readonly events: EventHub
  private readonly recorder: HistoryRecorder
  private readonly webhooks: WebhookDispatcher
  private hocuspocus: Hocuspocus | undefined

  constructor(options: ApiFeaturesOptions) {
    const documents = new DocumentAccess({
      hocuspocus: () => this.instance(),
      store: options.store,
    })
    const config = options.options
    const feed = new ChangeFeed()
    this.events = new EventHub({
      feed,
      replayCapacity: config.eventReplayCapacity,
      debounceMs: config.eventDebounceMs,
      heartbeatMs: config.eventHeartbeatMs,
    })
    const versions = new VersionStore(options.database)
    this.recorder = new HistoryRecorder({
      feed,
      versions,
      read: (doc) => documents.read(doc),
      logger: options.logger,
      pauseMs: config.versionPauseMs,
      maxGroupMs: config.versionMaxGroupMs,
      onVersion: (v) =>
        void this.events.publish('version-created', v.doc, {
          id: v.id,
          kind: v.kind,
          name: v.name,
        }),
    })
    const webhookStore = new WebhookStore(options.database)
    this.webhooks = new WebhookDispatcher({
      store: webhookStore,
      hub: this.events,
      read: (doc) => documents.read(doc),
      logger: options.logger,
      debounceMs: config.webhookDebounceMs,
      retryBaseMs: config.webhookRetryBaseMs,
      maxAttempts: config.webhookMaxAttempts,
      timeoutMs: config.webhookTimeoutMs,
    })
    this.extensions = [
      feed,
      {
        extensionName: 'TandemApiFeatures',
        onConfigure: async ({ instance }: onConfigurePayload) => {
          this.hocuspocus = instance
          // Deliveries left in the outbox by the previous run.
          this.webhooks.start()
        },
      },
    ]
    this.api = new RestApi({
      tokens: options.tokens,
      roles: options.roles,
      routes: [
        ...docRoutes({
          documents,
          memberships: options.memberships,
          maxBodyBytes: config.maxBodyBytes,
        }),
        ...memberRoutes({ memberships: options.memberships, onShared: options.onShared }),
        ...eventRoutes(this.events),
        ...versionRoutes({ documents, versions, recorder: this.recorder }),
        ...webhookRoutes(webhookStore, this.webhooks),
        ...exportRoutes({
          documents,
          memberships: options.memberships,
          maxBodyBytes: config.maxBodyBytes,
        }),
      ],
    })
  }

  /** Every REST route served. */
  get routes(): readonly { method: string; path: string }[] {
    return this.api.router.routes
  }

  /**
   * Someone was mentioned by a change made through this instance (the Notifier calls this once
   * per new mention notification): a `mention` event for the stream and webhooks, on the
   * comments or chat document it is in.
   */
  mention(event: InboxEvent): void {
    this.events.publish('mention', event.target.doc, {
      recipient: event.recipient,
      actor: event.actor,
      target: event.target,
      excerpt: event.excerpt,
    })
  }

  /** Handles /api requests the features serve; false for other paths. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    return this.api.handle(req, res, url)
  }

  /** Ends open event streams (first step of shutdown, so the HTTP server can close). */
  closeStreams(): void {
    this.events.close()
  }

  /** Stops timers and flushes what the features still hold. */
  async close(): Promise<void> {
    await this.recorder.close()
    await this.webhooks.close()
  }

  private instance(): Hocuspocus {
    if (!this.hocuspocus) throw new Error('the API is used before Hocuspocus is configured')
    return this.hocuspocus
  }
}
