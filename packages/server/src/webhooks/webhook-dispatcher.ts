import { newId, parseDocName, workspaceDoc } from '@tandem/schema'
import type * as Y from 'yjs'
import type { EventHub } from '../events/event-hub.js'
import type { FeedEvent } from '../events/event-log.js'
import type { Logger } from '../logger.js'
import { signPayload, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './signature.js'
import type { Delivery, Webhook, WebhookEvent, WebhookStore } from './webhook-store.js'

/** Options for {@link WebhookDispatcher}. */
export interface WebhookDispatcherOptions {
  store: WebhookStore
  hub: EventHub
  /** The current state of a document (workspace indexes are read to find a document's workspace). */
  read(doc: string): Promise<Y.Doc | null>
  logger: Logger
  /** A document's updates within this quiet period make one `document.updated` delivery (ms). @default 2000 */
  debounceMs?: number
  /** First retry after this long; doubles per attempt, at most an hour (ms). @default 1000 */
  retryBaseMs?: number
  /** Attempts before a delivery is marked failed. @default 8 */
  maxAttempts?: number
  /** Time a receiver has to answer (ms). @default 10000 */
  timeoutMs?: number
}

interface Pending {
  timer: NodeJS.Timeout
  authors: Map<string, string>
}

const BATCH = 20
const MAX_BACKOFF_MS = 3_600_000

/**
 * Delivers workspace events to registered webhooks: `document.updated` (debounced per
 * document), `comments.updated`, `version.created` and `mention`, as JSON signed with HMAC-SHA256. Each
 * delivery is written to the outbox before its first attempt and marked delivered only after a
 * 2xx, so restarts resume pending deliveries and never repeat delivered ones; failures retry
 * with exponential backoff. The delivery id (also `x-tandem-delivery`) lets a receiver drop the
 * rare repeat of an attempt that was cut off by a crash mid-request.
 */
export class WebhookDispatcher {
  private readonly debounceMs: number
  private readonly retryBaseMs: number
  private readonly maxAttempts: number
  private readonly timeoutMs: number
  private readonly pending = new Map<string, Pending>()
  // Document ids per workspace, read from `workspace:<id>`; dropped when that index changes.
  private readonly indexes = new Map<string, Promise<Set<string>>>()
  private hooks: Promise<(Webhook & { secret: string })[]> | undefined
  private readonly unlisten: () => void
  private draining: Promise<void> | undefined
  private again = false
  private timer: NodeJS.Timeout | undefined
  private closed = false

  constructor(private readonly options: WebhookDispatcherOptions) {
    this.debounceMs = options.debounceMs ?? 2000
    this.retryBaseMs = options.retryBaseMs ?? 1000
    this.maxAttempts = options.maxAttempts ?? 8
    this.timeoutMs = options.timeoutMs ?? 10_000
    this.unlisten = options.hub.listen((event) => this.onEvent(event))
  }

  /** Starts delivering what the outbox holds (pending deliveries from before a restart). */
  start(): void {
    this.kick()
  }

  /** The registered webhooks changed: reload them. */
  invalidateHooks(): void {
    this.hooks = undefined
  }

  /**
   * Stops: pending document events go to the outbox (delivered after the restart), and the
   * attempt under way finishes (at most `timeoutMs`) rather than being cut off, which could
   * deliver it twice.
   */
  async close(): Promise<void> {
    this.closed = true
    this.unlisten()
    clearTimeout(this.timer)
    for (const doc of [...this.pending.keys()]) await this.flush(doc)
    await this.draining
  }

  private onEvent(event: FeedEvent): void {
    const parsed = parseDocName(event.doc)
    if (!parsed) return
    if (parsed.kind === 'workspace') this.indexes.delete(parsed.id)
    if (event.type === 'version-created') {
      void this.emit('version.created', event.doc, event.data)
      return
    }
    if (event.type === 'mention') {
      // Published only for mentions made through this instance (see Notifier's onMention).
      void this.emit('mention', event.doc, event.data)
      return
    }
    if (event.type !== 'document-updated' && event.type !== 'comment') return
    if (parsed.kind === 'workspace' || parsed.kind === 'inbox' || parsed.kind === 'chat') return
    // Only changes made through this instance (a connection or a REST call names its user): in
    // multi-instance mode every instance sees every change, and only one may deliver it.
    const authors = (event.data.authors ?? []) as { id: string; name: string }[]
    if (authors.length === 0) return
    let pending = this.pending.get(event.doc)
    if (pending) clearTimeout(pending.timer)
    else {
      pending = { timer: undefined as never, authors: new Map() }
      this.pending.set(event.doc, pending)
    }
    for (const a of authors) pending.authors.set(a.id, a.name)
    pending.timer = setTimeout(() => void this.flush(event.doc), this.debounceMs)
    pending.timer.unref()
  }

  private async flush(doc: string): Promise<void> {
    const pending = this.pending.get(doc)
    if (!pending) return
    clearTimeout(pending.timer)
    this.pending.delete(doc)
    const type: WebhookEvent = doc.startsWith('comments:') ? 'comments.updated' : 'document.updated'
    await this.emit(type, doc, {
      authors: [...pending.authors].map(([id, name]) => ({ id, name })),
    })
  }

  // Writes one delivery per matching webhook to the outbox, then starts delivering.
  private async emit(
    event: WebhookEvent,
    doc: string,
    data: Record<string, unknown>,
  ): Promise<void> {
    try {
      const parsed = parseDocName(doc)
      if (!parsed) return
      const hooks = (await this.allHooks()).filter((h) => h.events.includes(event))
      const deliveries: Delivery[] = []
      const now = Date.now()
      for (const hook of hooks) {
        // The workspace's own chat room (`chat:workspace-<id>`, as the app names it) belongs to it.
        const inWorkspace =
          parsed.id === `workspace-${hook.workspace}` ||
          (await this.workspaceHas(hook.workspace, parsed.id))
        if (!inWorkspace) continue
        const id = newId()
        const { doc: _doc, ...rest } = data
        deliveries.push({
          id,
          webhookId: hook.id,
          event,
          payload: JSON.stringify({
            id,
            event,
            workspace: hook.workspace,
            doc,
            created: now,
            data: rest,
          }),
          created: now,
          attempts: 0,
          nextAttempt: now,
          status: 'pending',
          lastStatus: null,
          lastError: null,
          delivered: null,
        })
      }
      await this.options.store.enqueue(deliveries)
      if (deliveries.length > 0) this.kick()
    } catch (error) {
      this.options.logger.error('webhooks.enqueue_failed', { doc, event, error })
    }
  }

  private allHooks(): Promise<(Webhook & { secret: string })[]> {
    this.hooks ??= this.options.store.all()
    return this.hooks
  }

  private async workspaceHas(workspace: string, id: string): Promise<boolean> {
    if (await this.readIndex(workspace, false).then((ids) => ids.has(id))) return true
    // A miss may be a stale cache (the entry was added after the index was read): read again.
    return this.readIndex(workspace, true).then((ids) => ids.has(id))
  }

  private readIndex(workspace: string, fresh: boolean): Promise<Set<string>> {
    let index = fresh ? undefined : this.indexes.get(workspace)
    if (!index) {
      index = this.options.read(`workspace:${workspace}`).then(
        (ydoc) =>
          new Set(
            ydoc
              ? workspaceDoc(ydoc)
                  .list({ includeTrashed: true })
                  .map((e) => e.id)
              : [],
          ),
      )
      this.indexes.set(workspace, index)
      index.catch(() => this.indexes.delete(workspace))
    }
    return index
  }

  private kick(): void {
    if (this.closed) return
    if (this.draining) {
      this.again = true
      return
    }
    clearTimeout(this.timer)
    this.draining = this.drain()
      .catch((error: unknown) =>
        this.options.logger.error('webhooks.delivery_loop_failed', { error }),
      )
      .finally(() => {
        this.draining = undefined
        if (this.again) {
          this.again = false
          this.kick()
        } else void this.schedule()
      })
  }

  private async drain(): Promise<void> {
    for (;;) {
      const due = await this.options.store.due(Date.now(), BATCH)
      for (const delivery of due) {
        if (this.closed) return
        await this.attempt(delivery)
      }
      if (due.length < BATCH) return
    }
  }

  private async schedule(): Promise<void> {
    if (this.closed) return
    const next = await this.options.store.nextDue()
    if (next === undefined || this.closed) return
    clearTimeout(this.timer)
    this.timer = setTimeout(() => this.kick(), Math.max(0, next - Date.now()))
    this.timer.unref()
  }

  private async attempt(delivery: Delivery): Promise<void> {
    const hook = (await this.allHooks()).find((h) => h.id === delivery.webhookId)
    const attempts = delivery.attempts + 1
    if (!hook) {
      await this.options.store.record(delivery.id, {
        status: 'failed',
        attempts,
        nextAttempt: Date.now(),
        httpStatus: null,
        error: 'webhook removed',
      })
      return
    }
    const timestamp = Math.floor(Date.now() / 1000)
    let httpStatus: number | null = null
    let error: string | null = null
    try {
      const res = await fetch(hook.url, {
        method: 'POST',
        body: delivery.payload,
        redirect: 'error',
        signal: AbortSignal.timeout(this.timeoutMs),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Tandem-Webhooks/1',
          'x-tandem-event': delivery.event,
          'x-tandem-delivery': delivery.id,
          [TIMESTAMP_HEADER]: String(timestamp),
          [SIGNATURE_HEADER]: signPayload(hook.secret, timestamp, delivery.payload),
        },
      })
      httpStatus = res.status
      await res.body?.cancel()
      if (!res.ok) error = `receiver answered ${res.status}`
    } catch (e) {
      error = e instanceof Error ? e.message : String(e)
    }
    const failedForGood = error !== null && attempts >= this.maxAttempts
    const backoff = Math.min(MAX_BACKOFF_MS, this.retryBaseMs * 2 ** (attempts - 1))
    await this.options.store.record(delivery.id, {
      status: error === null ? 'delivered' : failedForGood ? 'failed' : 'pending',
      attempts,
      nextAttempt: error === null ? Date.now() : Date.now() + backoff,
      httpStatus,
      error,
    })
    if (error !== null) {
      this.options.logger.info('webhooks.attempt_failed', {
        delivery: delivery.id,
        webhook: hook.id,
        attempts,
        status: httpStatus,
        error,
      })
    }
  }
}
