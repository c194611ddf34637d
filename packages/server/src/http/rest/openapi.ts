import { ERROR_CODE_LIST, ROLES } from '@tandem/schema'
import { WEBHOOK_EVENTS } from '../../webhooks/webhook-store.js'

// The OpenAPI 3.1 description of every /api route. Written by hand (it is documentation, not
// generated from the router), and test/rest-api.test.ts checks that it lists exactly the
// routes the router serves.

const bearer = [{ bearer: [] }]
const nameParam = {
  name: 'name',
  in: 'path',
  required: true,
  description: 'document name `<kind>:<id>`, e.g. `doc:plan`',
  schema: {
    type: 'string',
    pattern: '^(workspace|doc|comments|chat|board|inbox):[A-Za-z0-9_-]{1,64}$',
  },
}
const workspaceParam = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
}
const userParam = {
  name: 'userId',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
}
const webhookParam = { name: 'webhookId', in: 'path', required: true, schema: { type: 'string' } }
const versionParam = { name: 'versionId', in: 'path', required: true, schema: { type: 'string' } }
const formatParam = {
  name: 'format',
  in: 'query',
  schema: { type: 'string', enum: ['json', 'markdown', 'html', 'text'], default: 'json' },
}
const error = (description: string): object => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
})
const errors = {
  '400': error('bad input (invalid name, parameter or body)'),
  '401': error('missing, invalid or expired token'),
  '403': error('the role does not allow this'),
}
/** A required JSON request body: an object with `properties`, of which `required` must be set. */
const jsonBody = (required: string[], properties: object): object => ({
  required: true,
  content: { 'application/json': { schema: { type: 'object', required, properties } } },
})
const json = (schema: object, description = 'OK'): object => ({
  description,
  content: { 'application/json': { schema } },
})
const documentBody = {
  required: true,
  description: 'the content; at most `maxBodyBytes` (default 1 MiB)',
  content: {
    'text/markdown': { schema: { type: 'string' } },
    'text/html': { schema: { type: 'string' } },
    'text/plain': { schema: { type: 'string' }, description: 'one paragraph per line' },
  },
}
const writeParams = [
  nameParam,
  {
    name: 'title',
    in: 'query',
    schema: { type: 'string', maxLength: 200 },
    description: 'sets the title',
  },
  {
    name: 'workspace',
    in: 'query',
    schema: { type: 'string' },
    description: 'also list the document in `workspace:<id>` (editor+ there)',
  },
]

/** The OpenAPI document served at `GET /api/openapi.json`. */
export const OPENAPI_DOCUMENT = {
  openapi: '3.1.0',
  info: {
    title: 'Tandem REST API',
    version: '1',
    description:
      'Documents, versions and live events of a Tandem server. Authenticate with ' +
      '`Authorization: Bearer <JWT>`; the roles are those of the WebSocket (owner > editor > ' +
      'commenter > viewer). Errors are `{ "error": { "code", "message" } }`.',
  },
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    schemas: {
      Webhook: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          workspace: { type: 'string' },
          url: { type: 'string' },
          events: { type: 'array', items: { type: 'string' } },
          created: { type: 'integer' },
          createdBy: { type: 'string' },
        },
      },
      Version: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          doc: { type: 'string' },
          kind: { type: 'string', enum: ['auto', 'named', 'restore'] },
          name: { type: ['string', 'null'] },
          created: { type: 'integer', description: 'ms since the epoch' },
          authors: {
            type: 'array',
            items: {
              type: 'object',
              properties: { id: { type: 'string' }, name: { type: 'string' } },
            },
          },
        },
      },
      Error: {
        type: 'object',
        required: ['error'],
        properties: {
          error: {
            type: 'object',
            required: ['code', 'message'],
            properties: {
              code: { type: 'string', enum: ERROR_CODE_LIST },
              message: { type: 'string' },
            },
          },
        },
      },
    },
  },
  paths: {
    '/api/session': {
      post: {
        summary: 'Guest sign-in (local mode only)',
        requestBody: jsonBody(['name'], { name: { type: 'string', maxLength: 64 } }),
        responses: {
          '200': json({
            type: 'object',
            properties: { token: { type: 'string' }, user: { type: 'object' } },
          }),
          '400': error('bad name'),
          '404': error('not in local mode'),
        },
      },
    },
    '/api/openapi.json': {
      get: { summary: 'This document', responses: { '200': json({ type: 'object' }) } },
    },
    '/api/workspaces/{id}/docs': {
      get: {
        summary: 'Documents and boards listed in `workspace:<id>`',
        security: bearer,
        parameters: [
          workspaceParam,
          {
            name: 'trashed',
            in: 'query',
            schema: { type: 'boolean' },
            description: 'include trashed items',
          },
        ],
        responses: {
          '200': json({
            type: 'object',
            properties: {
              workspace: { type: 'string' },
              docs: { type: 'array', items: { type: 'object' } },
            },
          }),
          ...errors,
        },
      },
    },
    '/api/workspaces/{id}/webhooks': {
      get: {
        summary: 'Webhooks of the workspace (owner only; secrets are not listed)',
        security: bearer,
        parameters: [workspaceParam],
        responses: {
          '200': json({
            type: 'object',
            properties: {
              webhooks: { type: 'array', items: { $ref: '#/components/schemas/Webhook' } },
            },
          }),
          ...errors,
        },
      },
      post: {
        summary: 'Register a webhook (owner only)',
        description:
          'Deliveries are POSTs of JSON `{ id, event, workspace, doc, created, data }` with headers ' +
          '`x-tandem-event`, `x-tandem-delivery` (the id: drop repeats), `x-tandem-timestamp` and ' +
          '`x-tandem-signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>" with the secret>`. ' +
          'A non-2xx answer or a timeout is retried with exponential backoff; `document.updated` is ' +
          'debounced per document.',
        security: bearer,
        parameters: [workspaceParam],
        requestBody: jsonBody(['url'], {
          url: { type: 'string', format: 'uri', description: 'http or https' },
          events: {
            type: 'array',
            items: {
              type: 'string',
              enum: [...WEBHOOK_EVENTS],
            },
            default: ['document.updated'],
          },
        }),
        responses: {
          '201': json(
            {
              type: 'object',
              properties: {
                webhook: { $ref: '#/components/schemas/Webhook' },
                secret: { type: 'string', description: 'shown only here' },
              },
            },
            'registered',
          ),
          ...errors,
        },
      },
    },
    '/api/workspaces/{id}/webhooks/{webhookId}': {
      delete: {
        summary: 'Remove a webhook (owner only); its pending deliveries are dropped',
        security: bearer,
        parameters: [workspaceParam, webhookParam],
        responses: {
          '204': { description: 'removed' },
          ...errors,
          '404': error('no such webhook'),
        },
      },
    },
    '/api/workspaces/{id}/webhooks/{webhookId}/deliveries': {
      get: {
        summary: 'The delivery log of a webhook, newest first (owner only)',
        security: bearer,
        parameters: [workspaceParam, webhookParam],
        responses: {
          '200': json({
            type: 'object',
            properties: {
              deliveries: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    id: { type: 'string' },
                    event: { type: 'string' },
                    status: { type: 'string', enum: ['pending', 'delivered', 'failed'] },
                    attempts: { type: 'integer' },
                    lastStatus: { type: ['integer', 'null'] },
                    lastError: { type: ['string', 'null'] },
                    payload: { type: 'object' },
                  },
                },
              },
            },
          }),
          ...errors,
          '404': error('no such webhook'),
        },
      },
    },
    '/api/workspaces/{id}/export': {
      get: {
        summary:
          'The workspace as a zip: workspace.json, docs/<title>.md + .json, boards/<title>.json',
        description:
          'Only the documents the caller may read are included (trashed ones too, marked in workspace.json).',
        security: bearer,
        parameters: [workspaceParam],
        responses: {
          '200': {
            description: 'the archive',
            content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } },
          },
          ...errors,
        },
      },
    },
    '/api/workspaces/{id}/import': {
      post: {
        summary:
          'Import a Markdown (or HTML) file as a new document listed in the workspace (editor+)',
        security: bearer,
        parameters: [
          workspaceParam,
          { name: 'title', in: 'query', schema: { type: 'string', maxLength: 200 } },
        ],
        requestBody: documentBody,
        responses: {
          '201': json(
            {
              type: 'object',
              properties: {
                name: { type: 'string' },
                id: { type: 'string' },
                title: { type: 'string' },
              },
            },
            'created',
          ),
          ...errors,
          '413': error('body too large'),
          '415': error('unsupported content type'),
        },
      },
    },
    '/api/docs/{name}': {
      get: {
        summary: 'Read a document',
        security: bearer,
        parameters: [
          nameParam,
          {
            name: 'format',
            in: 'query',
            schema: { type: 'string', enum: ['json', 'markdown', 'html', 'text'], default: 'json' },
            description:
              'json: `{ name, title, content }` (ProseMirror JSON); others only for `doc:`',
          },
        ],
        responses: {
          '200': {
            description: 'the document',
            content: {
              'application/json': { schema: { type: 'object' } },
              'text/markdown': { schema: { type: 'string' } },
              'text/html': { schema: { type: 'string' } },
              'text/plain': { schema: { type: 'string' } },
            },
          },
          ...errors,
          '404': error('never written'),
        },
      },
      put: {
        summary: 'Create or replace a `doc:` document (a change every client receives)',
        security: bearer,
        parameters: writeParams,
        requestBody: documentBody,
        responses: {
          '200': json({ type: 'object' }, 'replaced (stored before the answer)'),
          '201': json({ type: 'object' }, 'created'),
          ...errors,
          '413': error('body too large'),
          '415': error('unsupported content type'),
        },
      },
    },
    '/api/events': {
      get: {
        summary: 'Server-Sent Events for documents',
        description:
          'Events `document-updated` (debounced per document; data `{ doc, changes, authors }`), ' +
          '`comment` and `chat` (changes of `comments:<id>` / `chat:<id>`, also sent to ' +
          'subscribers of `doc:<id>`), `presence-count` (`{ doc, count }`), `version-created` and `mention` ' +
          '(`{ doc, recipient, actor, target, excerpt }`, someone named in a comment or message). ' +
          'Ids increase monotonically. Reconnect with `Last-Event-ID` to receive exactly the ' +
          'missed events in order; when they are no longer in the replay window the stream ' +
          'starts with `event: reset` (`{ reason: "last-event-id-too-old" }`): refetch the ' +
          'documents. Heartbeats are comment lines.',
        parameters: [
          {
            name: 'docs',
            in: 'query',
            required: true,
            schema: { type: 'string' },
            description: 'comma-separated document names (at most 50), each readable by the caller',
          },
          {
            name: 'token',
            in: 'query',
            schema: { type: 'string' },
            description: 'instead of the Authorization header (EventSource cannot set headers)',
          },
          { name: 'Last-Event-ID', in: 'header', schema: { type: 'string' } },
          {
            name: 'lastEventId',
            in: 'query',
            schema: { type: 'string' },
            description: 'same as the header',
          },
        ],
        security: bearer,
        responses: {
          '200': {
            description: 'the stream',
            content: { 'text/event-stream': { schema: { type: 'string' } } },
          },
          ...errors,
        },
      },
    },
    '/api/docs/{name}/versions': {
      get: {
        summary: 'Versions of a document, newest first',
        description:
          'Automatic versions are cut after a pause in editing (`versionPauseMs`, default 30 s) ' +
          'and when a document unloads, listing the authors of the changes since the previous ' +
          'version; named versions on request; restore versions by a restore.',
        security: bearer,
        parameters: [nameParam],
        responses: {
          '200': json({
            type: 'object',
            properties: {
              versions: { type: 'array', items: { $ref: '#/components/schemas/Version' } },
            },
          }),
          ...errors,
        },
      },
      post: {
        summary: 'Create a named version of the current state (editor+)',
        security: bearer,
        parameters: [nameParam],
        requestBody: jsonBody(['name'], { name: { type: 'string', minLength: 1, maxLength: 100 } }),
        responses: {
          '201': json(
            { type: 'object', properties: { version: { $ref: '#/components/schemas/Version' } } },
            'created',
          ),
          ...errors,
          '404': error('no such document'),
          '415': error('not application/json'),
        },
      },
    },
    '/api/docs/{name}/versions/{versionId}': {
      get: {
        summary:
          'A version of a `doc:` document, in a format (`board:`: `{ name, shapes }`, json only)',
        security: bearer,
        parameters: [nameParam, versionParam, formatParam],
        responses: {
          '200': { description: 'the version' },
          ...errors,
          '404': error('no such version'),
        },
      },
    },
    '/api/docs/{name}/versions/{versionId}/diff': {
      get: {
        summary: 'What changed from a version to the current document, and who changed it',
        description:
          'Blocks in document order, each with spans `{ text, change: same|added|removed, author }`, ' +
          'and per author the number of characters added and removed. For `board:` documents: ' +
          "no blocks; `board: { shapes, changes }` holds the version's shapes and each shape " +
          'added, removed or changed since `{ id, type, change, author }`, and `authors` counts shapes.',
        security: bearer,
        parameters: [nameParam, versionParam],
        responses: { '200': json({ type: 'object' }), ...errors, '404': error('no such version') },
      },
    },
    '/api/docs/{name}/versions/{versionId}/restore': {
      post: {
        summary: 'Restore a version as a new change every client receives (editor+)',
        description:
          'History is never rewritten: changes since the last version are cut as a version first, ' +
          'then the restore is applied and recorded as a `restore` version. Works for `doc:` ' +
          "(content and title) and `board:` documents (exactly the version's shapes).",
        security: bearer,
        parameters: [nameParam, versionParam],
        responses: {
          '200': json({
            type: 'object',
            properties: {
              version: { $ref: '#/components/schemas/Version' },
              restoredFrom: { type: 'string' },
            },
          }),
          ...errors,
          '404': error('no such version'),
        },
      },
    },
    '/api/docs/{name}/members/{userId}': {
      put: {
        summary:
          'Give a user a role on a document (owner only; comments and chat follow it); they are notified',
        security: bearer,
        parameters: [nameParam, userParam],
        requestBody: jsonBody(['role'], {
          role: { type: 'string', enum: [...ROLES] },
        }),
        responses: {
          '200': json({ type: 'object' }, 'the role is stored'),
          ...errors,
          '415': error('not JSON'),
        },
      },
    },
    '/api/docs/{name}/content': {
      post: {
        summary: 'Append content at the end of a `doc:` document',
        security: bearer,
        parameters: [nameParam],
        requestBody: documentBody,
        responses: {
          '200': json({ type: 'object' }, 'appended (stored before the answer)'),
          ...errors,
          '404': error('no such document'),
          '413': error('body too large'),
          '415': error('unsupported content type'),
        },
      },
    },
  },
} as const
