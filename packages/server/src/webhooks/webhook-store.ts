import type { SqliteDatabase } from '../store/sqlite-database.js'

/** Events a webhook can subscribe to. */
export const WEBHOOK_EVENTS = [
  'document.updated',
  'comments.updated',
  'version.created',
  'mention',
] as const
/** One of {@link WEBHOOK_EVENTS}. */
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number]

/** A registered webhook (its secret is only shown once, at registration). */
export interface Webhook {
  id: string
  workspace: string
  url: string
  events: WebhookEvent[]
  created: number
  createdBy: string
}

/** One delivery of one event to one webhook: the outbox row and its log. */
export interface Delivery {
  id: string
  webhookId: string
  event: WebhookEvent
  payload: string
  created: number
  attempts: number
  nextAttempt: number
  status: 'pending' | 'delivered' | 'failed'
  lastStatus: number | null
  lastError: string | null
  delivered: number | null
}

// The outbox is durable: an event is stored before any attempt, and marked delivered only after
// the receiver answered 2xx, so a restart resumes pending deliveries and never repeats
// delivered ones.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS webhooks (
  id TEXT PRIMARY KEY,
  workspace TEXT NOT NULL,
  url TEXT NOT NULL,
  secret TEXT NOT NULL,
  events TEXT NOT NULL,
  created INTEGER NOT NULL,
  created_by TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS webhooks_by_workspace ON webhooks (workspace);
CREATE TABLE IF NOT EXISTS webhook_deliveries (
  id TEXT PRIMARY KEY,
  webhook_id TEXT NOT NULL,
  event TEXT NOT NULL,
  payload TEXT NOT NULL,
  created INTEGER NOT NULL,
  attempts INTEGER NOT NULL,
  next_attempt INTEGER NOT NULL,
  status TEXT NOT NULL,
  last_status INTEGER,
  last_error TEXT,
  delivered INTEGER
);
CREATE INDEX IF NOT EXISTS webhook_deliveries_due ON webhook_deliveries (status, next_attempt);
CREATE INDEX IF NOT EXISTS webhook_deliveries_by_hook ON webhook_deliveries (webhook_id, created);
`

type Row = Record<string, unknown>

/** Webhooks and their delivery outbox in the Tandem SQLite database. */
export class WebhookStore {
  private readonly ready: Promise<void>

  constructor(private readonly database: SqliteDatabase) {
    this.ready = database.transaction((db) => db.exec(SCHEMA))
    // Callers await it and see the error; this only keeps it from counting as unhandled.
    this.ready.catch(() => undefined)
  }

  async add(hook: Webhook, secret: string): Promise<void> {
    await this.ready
    await this.database.transaction((db) =>
      db.run(
        'INSERT INTO webhooks (id, workspace, url, secret, events, created, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [
          hook.id,
          hook.workspace,
          hook.url,
          secret,
          JSON.stringify(hook.events),
          hook.created,
          hook.createdBy,
        ],
      ),
    )
  }

  async remove(workspace: string, id: string): Promise<boolean> {
    await this.ready
    const { changes } = await this.database.transaction(async (db) => {
      await db.run(
        "UPDATE webhook_deliveries SET status = 'failed', last_error = 'webhook removed' WHERE webhook_id = ? AND status = 'pending'",
        [id],
      )
      return db.run('DELETE FROM webhooks WHERE workspace = ? AND id = ?', [workspace, id])
    })
    return changes > 0
  }

  async list(workspace: string): Promise<Webhook[]> {
    await this.ready
    const rows = await this.database.reader.all(
      'SELECT * FROM webhooks WHERE workspace = ? ORDER BY created',
      [workspace],
    )
    return rows.map(hookOf)
  }

  /** Every webhook with its secret (the dispatcher's view). */
  async all(): Promise<(Webhook & { secret: string })[]> {
    await this.ready
    const rows = await this.database.reader.all('SELECT * FROM webhooks')
    return rows.map((r) => ({ ...hookOf(r), secret: String(r.secret) }))
  }

  async secretOf(id: string): Promise<string | undefined> {
    await this.ready
    const row = await this.database.reader.get('SELECT secret FROM webhooks WHERE id = ?', [id])
    return row ? String(row.secret) : undefined
  }

  /** Stores new deliveries (one transaction). */
  async enqueue(deliveries: readonly Delivery[]): Promise<void> {
    if (deliveries.length === 0) return
    await this.ready
    await this.database.transaction(async (db) => {
      for (const d of deliveries) {
        await db.run(
          `INSERT INTO webhook_deliveries (id, webhook_id, event, payload, created, attempts, next_attempt, status)
           VALUES (?, ?, ?, ?, ?, 0, ?, 'pending')`,
          [d.id, d.webhookId, d.event, d.payload, d.created, d.nextAttempt],
        )
      }
    })
  }

  /** Pending deliveries whose next attempt is due, oldest first. */
  async due(now: number, limit: number): Promise<Delivery[]> {
    await this.ready
    const rows = await this.database.reader.all(
      "SELECT * FROM webhook_deliveries WHERE status = 'pending' AND next_attempt <= ? ORDER BY next_attempt, created LIMIT ?",
      [now, limit],
    )
    return rows.map(deliveryOf)
  }

  /** When the next pending delivery is due, if any. */
  async nextDue(): Promise<number | undefined> {
    await this.ready
    const row = await this.database.reader.get(
      "SELECT MIN(next_attempt) AS next FROM webhook_deliveries WHERE status = 'pending'",
    )
    return typeof row?.next === 'number' ? row.next : undefined
  }

  /** Records the outcome of one attempt. */
  async record(
    id: string,
    outcome: {
      status: Delivery['status']
      attempts: number
      nextAttempt: number
      httpStatus: number | null
      error: string | null
    },
  ): Promise<void> {
    await this.database.transaction((db) =>
      db.run(
        `UPDATE webhook_deliveries SET status = ?, attempts = ?, next_attempt = ?, last_status = ?, last_error = ?,
         delivered = CASE WHEN ? = 'delivered' THEN ? ELSE delivered END WHERE id = ?`,
        [
          outcome.status,
          outcome.attempts,
          outcome.nextAttempt,
          outcome.httpStatus,
          outcome.error,
          outcome.status,
          Date.now(),
          id,
        ],
      ),
    )
  }

  /** The delivery log of a webhook, newest first. */
  async deliveries(webhookId: string, limit = 100): Promise<Delivery[]> {
    await this.ready
    const rows = await this.database.reader.all(
      'SELECT * FROM webhook_deliveries WHERE webhook_id = ? ORDER BY created DESC, rowid DESC LIMIT ?',
      [webhookId, limit],
    )
    return rows.map(deliveryOf)
  }
}

function hookOf(r: Row): Webhook {
  return {
    id: String(r.id),
    workspace: String(r.workspace),
    url: String(r.url),
    events: JSON.parse(String(r.events)) as WebhookEvent[],
    created: Number(r.created),
    createdBy: String(r.created_by),
  }
}

function deliveryOf(r: Row): Delivery {
  return {
    id: String(r.id),
    webhookId: String(r.webhook_id),
    event: String(r.event) as WebhookEvent,
    payload: String(r.payload),
    created: Number(r.created),
    attempts: Number(r.attempts),
    nextAttempt: Number(r.next_attempt),
    status: r.status === 'delivered' || r.status === 'failed' ? r.status : 'pending',
    lastStatus: typeof r.last_status === 'number' ? r.last_status : null,
    lastError: typeof r.last_error === 'string' ? r.last_error : null,
    delivered: typeof r.delivered === 'number' ? r.delivered : null,
  }
}
