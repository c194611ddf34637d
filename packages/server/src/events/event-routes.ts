import { parseDocName } from '@tandem/schema'
import type { ApiRoute } from '../http/rest/api-route.js'
import { HttpError } from '../http/respond.js'
import type { EventHub } from './event-hub.js'

/** Most documents one stream may follow. */
export const MAX_STREAM_DOCS = 50

/** `GET /api/events?docs=<name>,<name>`: the Server-Sent Events stream. */
export function eventRoutes(hub: EventHub): ApiRoute[] {
  return [
    {
      method: 'GET',
      path: '/api/events',
      async handle({ req, res, query, authorize }) {
        const docs = (query.get('docs') ?? '')
          .split(',')
          .map((d) => d.trim())
          .filter((d) => d !== '')
        if (docs.length === 0) {
          throw new HttpError(
            400,
            'bad-request',
            'docs must list document names: ?docs=doc:a,doc:b',
          )
        }
        if (docs.length > MAX_STREAM_DOCS) {
          throw new HttpError(400, 'bad-request', `at most ${MAX_STREAM_DOCS} documents per stream`)
        }
        for (const doc of docs) {
          if (!parseDocName(doc)) {
            throw new HttpError(
              400,
              'invalid-document-name',
              `not a valid document name: ${doc.slice(0, 100)}`,
            )
          }
        }
        let expiresAt: number | undefined
        for (const doc of docs) {
          const { claims } = await authorize(doc, 'read', { queryToken: true })
          expiresAt = claims.exp
        }
        const raw = req.headers['last-event-id']
        const header = (Array.isArray(raw) ? raw[0] : raw) ?? query.get('lastEventId') ?? undefined
        let lastEventId: number | undefined
        if (header !== undefined) {
          lastEventId = Number(header)
          if (!/^\d{1,16}$/.test(String(header)) || !Number.isSafeInteger(lastEventId)) {
            throw new HttpError(
              400,
              'bad-request',
              'Last-Event-ID must be an event id from this stream',
            )
          }
        }
        hub.open(res, [...new Set(docs)], lastEventId, expiresAt)
      },
    },
  ]
}
