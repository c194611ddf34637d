import { randomBytes } from 'node:crypto'
import { newId, TandemError } from '@tandem/schema'
import { workspaceIdOf, type ApiRoute } from '../http/rest/api-route.js'
import { readJsonBody } from '../http/json-body.js'
import { HttpError, sendJson } from '../http/respond.js'
import type { WebhookDispatcher } from './webhook-dispatcher.js'
import {
  WEBHOOK_EVENTS,
  type Webhook,
  type WebhookEvent,
  type WebhookStore,
} from './webhook-store.js'

/** Most webhooks per workspace. */
export const MAX_WEBHOOKS = 20

/** Register, list and remove a workspace's webhooks, and read their delivery log (owner only). */
export function webhookRoutes(store: WebhookStore, dispatcher: WebhookDispatcher): ApiRoute[] {
  return [
    {
      method: 'GET',
      path: '/api/workspaces/{id}/webhooks',
      async handle({ params, res, authorize }) {
        const workspace = workspaceIdOf(params.id)
        await authorize(`workspace:${workspace}`, 'owner')
        sendJson(res, 200, { webhooks: await store.list(workspace) })
      },
    },
    {
      method: 'POST',
      path: '/api/workspaces/{id}/webhooks',
      async handle({ req, params, res, authorize }) {
        const workspace = workspaceIdOf(params.id)
        const { claims } = await authorize(`workspace:${workspace}`, 'owner')
        const { url, events } = registration(await readJsonBody(req, 16 * 1024))
        if ((await store.list(workspace)).length >= MAX_WEBHOOKS) {
          throw new HttpError(400, 'bad-request', `at most ${MAX_WEBHOOKS} webhooks per workspace`)
        }
        const hook: Webhook = {
          id: newId(),
          workspace,
          url,
          events,
          created: Date.now(),
          createdBy: claims.sub,
        }
        const secret = randomBytes(32).toString('hex')
        await store.add(hook, secret)
        dispatcher.invalidateHooks()
        // The secret is shown once: the receiver needs it to check signatures.
        sendJson(res, 201, { webhook: hook, secret })
      },
    },
    {
      method: 'DELETE',
      path: '/api/workspaces/{id}/webhooks/{webhookId}',
      async handle({ params, res, authorize }) {
        const workspace = workspaceIdOf(params.id)
        await authorize(`workspace:${workspace}`, 'owner')
        if (!(await store.remove(workspace, params.webhookId as string))) {
          throw new HttpError(404, 'not-found', 'no such webhook in this workspace')
        }
        dispatcher.invalidateHooks()
        res.writeHead(204, { 'cache-control': 'no-store' })
        res.end()
      },
    },
    {
      method: 'GET',
      path: '/api/workspaces/{id}/webhooks/{webhookId}/deliveries',
      async handle({ params, res, authorize }) {
        const workspace = workspaceIdOf(params.id)
        await authorize(`workspace:${workspace}`, 'owner')
        const hook = (await store.list(workspace)).find((h) => h.id === params.webhookId)
        if (!hook) throw new HttpError(404, 'not-found', 'no such webhook in this workspace')
        const deliveries = await store.deliveries(hook.id)
        sendJson(res, 200, {
          deliveries: deliveries.map(({ payload, ...d }) => ({
            ...d,
            payload: JSON.parse(payload) as unknown,
          })),
        })
      },
    },
  ]
}

function registration(body: unknown): { url: string; events: WebhookEvent[] } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new TandemError('bad-request', 'body must be a JSON object like {"url": "https://..."}')
  }
  const { url, events } = body as { url?: unknown; events?: unknown }
  if (typeof url !== 'string' || url.length > 2048)
    throw new TandemError('bad-request', 'url must be a string of at most 2048 characters')
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new TandemError('bad-request', 'url is not a valid URL')
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new TandemError('bad-request', 'url must be http or https')
  }
  if (parsed.username || parsed.password)
    throw new TandemError('bad-request', 'url must not carry credentials')
  const list = events === undefined ? ['document.updated'] : events
  if (
    !Array.isArray(list) ||
    list.length === 0 ||
    !list.every((e) => (WEBHOOK_EVENTS as readonly unknown[]).includes(e))
  ) {
    throw new TandemError(
      'bad-request',
      `events must be a non-empty list of ${WEBHOOK_EVENTS.join(', ')}`,
    )
  }
  return { url: parsed.toString(), events: [...new Set(list as WebhookEvent[])] }
}
