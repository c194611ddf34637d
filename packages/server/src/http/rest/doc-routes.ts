import type { ServerResponse } from 'node:http'
import * as Y from 'yjs'
import { CONTENT_FIELD, richTextDoc, workspaceDoc, type DocName } from '@tandem/schema'
import type { SessionUser } from '../../collab/context.js'
import type { DocumentAccess } from '../../documents/document-access.js'
import { htmlToJson } from '../../richtext/from-html.js'
import { markdownToJson } from '../../richtext/from-markdown.js'
import {
  appendJson,
  fragmentToJson,
  replaceJson,
  type PmNode,
} from '../../richtext/prosemirror-json.js'
import { toHtml, toText } from '../../richtext/to-html.js'
import { toMarkdown } from '../../richtext/to-markdown.js'
import type { Memberships } from '../../store/memberships.js'
import { HttpError, sendJson } from '../respond.js'
import { readTextBody } from '../text-body.js'
import { workspaceIdOf, type ApiRequest, type ApiRoute } from './api-route.js'

/** What the document routes need. */
export interface DocRoutesOptions {
  documents: DocumentAccess
  memberships: Memberships
  /** Largest accepted request body. */
  maxBodyBytes: number
}

/** Media types a document body may have (`text/plain`: one paragraph per line). */
export const DOCUMENT_BODY_TYPES = ['text/markdown', 'text/html', 'text/plain'] as const

/** Formats `GET /api/docs/{name}` answers in. */
export const DOCUMENT_FORMATS = ['json', 'markdown', 'html', 'text'] as const
type DocumentFormat = (typeof DOCUMENT_FORMATS)[number]

/** `GET /api/workspaces/{id}/docs`, `GET|PUT /api/docs/{name}`, `POST /api/docs/{name}/content`. */
export function docRoutes(options: DocRoutesOptions): ApiRoute[] {
  const { documents } = options
  return [
    {
      method: 'GET',
      path: '/api/workspaces/{id}/docs',
      async handle({ params, query, res, authorize }) {
        const id = workspaceIdOf(params.id)
        await authorize(`workspace:${id}`, 'read')
        const ydoc = await documents.read(`workspace:${id}`)
        const trashed = booleanParam(query, 'trashed')
        const entries = ydoc ? workspaceDoc(ydoc).list({ includeTrashed: trashed }) : []
        sendJson(res, 200, {
          workspace: id,
          docs: entries.map((e) => ({ ...e, name: `${e.kind}:${e.id}` })),
        })
      },
    },
    {
      method: 'GET',
      path: '/api/docs/{name}',
      async handle({ params, query, res, authorize }) {
        const { access } = await authorize(params.name as string, 'read')
        const format = formatParam(query)
        const ydoc = await documents.read(access.doc.name)
        if (!ydoc) throw new HttpError(404, 'not-found', `${access.doc.name} does not exist`)
        if (access.doc.kind !== 'doc') {
          if (format !== 'json') {
            throw new HttpError(400, 'bad-request', `format ${format} is only for doc: documents`)
          }
          sendJson(res, 200, { name: access.doc.name, data: sharedTypesJson(ydoc) })
          return
        }
        sendDocument(res, access.doc.name, ydoc, format)
      },
    },
    {
      method: 'PUT',
      path: '/api/docs/{name}',
      async handle(request) {
        const { doc, user, nodes, title, workspace } = await readWrite(request, options)
        const existed = (await documents.read(doc.name)) !== null
        // Listed first, so whoever hears of the document's change (webhooks) finds it there.
        if (workspace) await listInWorkspace(request, documents, workspace, doc, user, title)
        await documents.change(doc.name, user, (ydoc) => {
          const rich = richTextDoc(ydoc)
          replaceJson(ydoc.getXmlFragment(CONTENT_FIELD), nodes)
          if (title !== undefined) rich.setTitle(title)
        })
        await options.memberships.claimOwnerIfUnowned(doc.name, user.id)
        sendJson(request.res, existed ? 200 : 201, { name: doc.name, created: !existed })
      },
    },
    {
      method: 'POST',
      path: '/api/docs/{name}/content',
      async handle(request) {
        const { doc, user, nodes } = await readWrite(request, options)
        if ((await documents.read(doc.name)) === null) {
          throw new HttpError(404, 'not-found', `${doc.name} does not exist; create it with PUT`)
        }
        await documents.change(doc.name, user, (ydoc) =>
          appendJson(ydoc.getXmlFragment(CONTENT_FIELD), nodes),
        )
        sendJson(request.res, 200, { name: doc.name, appendedBlocks: nodes.length })
      },
    },
  ]
}

/** Sends a `doc:` document in `format`. */
export function sendDocument(
  res: ServerResponse,
  name: string,
  ydoc: Y.Doc,
  format: DocumentFormat,
): void {
  const nodes = fragmentToJson(ydoc.getXmlFragment(CONTENT_FIELD))
  const title = richTextDoc(ydoc).title
  switch (format) {
    case 'json':
      sendJson(res, 200, { name, title, content: { type: 'doc', content: nodes } })
      return
    case 'markdown':
      return sendText(res, 'text/markdown', toMarkdown(nodes))
    case 'html':
      return sendText(res, 'text/html', toHtml(nodes))
    case 'text':
      return sendText(res, 'text/plain', toText(nodes))
    default: {
      const never: never = format
      throw new Error(`unknown format ${String(never)}`)
    }
  }
}

function sendText(res: ServerResponse, type: string, text: string): void {
  res.writeHead(200, {
    'content-type': `${type}; charset=utf-8`,
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  })
  res.end(text)
}

/** Parses a document body by its content type. */
export function parseBody(type: string, text: string): PmNode[] {
  if (type === 'text/html') return htmlToJson(text)
  if (type === 'text/markdown') return markdownToJson(text)
  return text
    .split(/\r?\n/)
    .map((line) =>
      line ? { type: 'paragraph', content: [{ type: 'text', text: line }] } : { type: 'paragraph' },
    )
}

async function readWrite(
  request: ApiRequest,
  options: DocRoutesOptions,
): Promise<{
  doc: DocName
  user: SessionUser
  nodes: PmNode[]
  title: string | undefined
  workspace: string | undefined
}> {
  const { claims, access } = await request.authorize(request.params.name as string, 'write')
  if (access.doc.kind !== 'doc') {
    throw new HttpError(400, 'bad-request', 'only doc: documents take Markdown or HTML content')
  }
  const titleParam = request.query.get('title')
  const title = titleParam === null ? undefined : titleParam
  const workspaceParam = request.query.get('workspace')
  const workspace = workspaceParam === null ? undefined : workspaceIdOf(workspaceParam)
  const body = await readTextBody(request.req, options.maxBodyBytes, DOCUMENT_BODY_TYPES)
  const nodes = parseBody(body.type, body.text)
  // Checked before writing: setTitle would throw inside the change otherwise.
  if (title !== undefined && title.trim().length > 200) {
    throw new HttpError(400, 'bad-request', 'title longer than 200 characters')
  }
  return {
    doc: access.doc,
    user: { id: claims.sub, name: claims.name, color: claims.color },
    nodes,
    title,
    workspace,
  }
}

// Adds the document to the workspace index (or renames its entry) so the app lists it.
async function listInWorkspace(
  request: ApiRequest,
  documents: DocumentAccess,
  workspace: string,
  doc: DocName,
  user: SessionUser,
  title: string | undefined,
): Promise<void> {
  await request.authorize(`workspace:${workspace}`, 'write')
  await documents.change(`workspace:${workspace}`, user, (ydoc) => {
    const index = workspaceDoc(ydoc)
    const entry = index.get(doc.id)
    if (!entry) index.create({ kind: 'doc', id: doc.id, title: title ?? '', createdBy: user.id })
    else if (title !== undefined && entry.title !== title.trim()) index.rename(doc.id, title)
  })
}

function formatParam(query: URLSearchParams): DocumentFormat {
  const format = query.get('format') ?? 'json'
  if (!(DOCUMENT_FORMATS as readonly string[]).includes(format)) {
    throw new HttpError(400, 'bad-request', `format must be one of ${DOCUMENT_FORMATS.join(', ')}`)
  }
  return format as DocumentFormat
}

function booleanParam(query: URLSearchParams, name: string): boolean {
  const value = query.get(name)
  if (value === null || value === 'false') return false
  if (value === 'true') return true
  throw new HttpError(400, 'bad-request', `${name} must be true or false`)
}

// Every top-level shared type as JSON (boards, comments, chat: kinds without a text format). A
// type decoded from an update has no concrete class until asked for by kind, so read a copy:
// the live document is left as it is.
function sharedTypesJson(ydoc: Y.Doc): Record<string, unknown> {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(ydoc))
  const out: Record<string, unknown> = {}
  for (const [key, type] of ydoc.share) {
    out[key] = (type._map.size > 0 ? copy.getMap(key) : copy.getArray(key)).toJSON()
  }
  return out
}
