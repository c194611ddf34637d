import { boardDoc, CONTENT_FIELD, richTextDoc, TandemError } from '@tandem/schema'
import * as Y from 'yjs'
import type { DocumentAccess } from '../documents/document-access.js'
import type { ApiRequest, ApiRoute } from '../http/rest/api-route.js'
import { sendDocument, DOCUMENT_FORMATS } from '../http/rest/doc-routes.js'
import { readJsonBody } from '../http/json-body.js'
import { HttpError, sendJson } from '../http/respond.js'
import { fragmentToJson, replaceJson } from '../richtext/prosemirror-json.js'
import type { HistoryRecorder } from './history-recorder.js'
import { diffBoard } from './board-diff.js'
import { diffVersion } from './version-diff.js'
import type { StoredVersion, VersionStore } from './version-store.js'

/** What the version routes need. */
export interface VersionRoutesOptions {
  documents: DocumentAccess
  versions: VersionStore
  recorder: HistoryRecorder
}

/** Longest version name. */
export const MAX_VERSION_NAME = 100

/** List, create, read, diff and restore versions of a document. */
export function versionRoutes({ documents, versions, recorder }: VersionRoutesOptions): ApiRoute[] {
  const load = async (request: ApiRequest): Promise<{ doc: string; version: StoredVersion }> => {
    const { access } = await request.authorize(request.params.name as string, 'read')
    const version = await versions.get(access.doc.name, request.params.versionId as string)
    if (!version)
      throw new HttpError(
        404,
        'not-found',
        `no version ${String(request.params.versionId).slice(0, 64)}`,
      )
    return { doc: access.doc.name, version }
  }
  return [
    {
      method: 'GET',
      path: '/api/docs/{name}/versions',
      async handle({ params, res, authorize }) {
        const { access } = await authorize(params.name as string, 'read')
        sendJson(res, 200, { versions: await versions.list(access.doc.name) })
      },
    },
    {
      method: 'POST',
      path: '/api/docs/{name}/versions',
      async handle({ req, params, res, authorize }) {
        const { claims, access } = await authorize(params.name as string, 'write')
        const name = versionName(await readJsonBody(req, 16 * 1024))
        if ((await documents.read(access.doc.name)) === null) {
          throw new HttpError(404, 'not-found', `${access.doc.name} does not exist`)
        }
        const version = await recorder.cut(access.doc.name, 'named', name, {
          id: claims.sub,
          name: claims.name,
        })
        sendJson(res, 201, { version })
      },
    },
    {
      method: 'GET',
      path: '/api/docs/{name}/versions/{versionId}',
      async handle(request) {
        const { doc, version } = await load(request)
        const format = request.query.get('format') ?? 'json'
        if (!(DOCUMENT_FORMATS as readonly string[]).includes(format)) {
          throw new HttpError(
            400,
            'bad-request',
            `format must be one of ${DOCUMENT_FORMATS.join(', ')}`,
          )
        }
        const ydoc = new Y.Doc()
        Y.applyUpdate(ydoc, version.state)
        if (doc.startsWith('board:')) {
          if (format !== 'json')
            throw new HttpError(400, 'bad-request', 'board versions are read as json')
          sendJson(request.res, 200, { name: doc, shapes: boardDoc(ydoc).list() })
          return
        }
        sendDocument(request.res, doc, ydoc, format as (typeof DOCUMENT_FORMATS)[number])
      },
    },
    {
      method: 'GET',
      path: '/api/docs/{name}/versions/{versionId}/diff',
      async handle(request) {
        const { doc, version } = await load(request)
        const current = (await documents.read(doc)) ?? new Y.Doc()
        const spans = [...(await versions.spans(doc)), ...recorder.pendingSpans(doc)]
        const { state: _state, ...info } = version
        if (doc.startsWith('board:')) {
          // Boards: shape by shape (`board`), no text blocks; `authors` count shapes.
          const board = diffBoard(version.state, current, spans)
          sendJson(request.res, 200, { version: info, blocks: [], authors: board.authors, board })
          return
        }
        sendJson(request.res, 200, { version: info, ...diffVersion(version.state, current, spans) })
      },
    },
    {
      method: 'POST',
      path: '/api/docs/{name}/versions/{versionId}/restore',
      async handle(request) {
        const { claims, access } = await request.authorize(request.params.name as string, 'write')
        const kind = access.doc.kind
        if (kind !== 'doc' && kind !== 'board') {
          throw new HttpError(400, 'bad-request', 'only doc: and board: documents can be restored')
        }
        const { doc, version } = await load(request)
        const then = new Y.Doc()
        Y.applyUpdate(then, version.state)
        const content = fragmentToJson(then.getXmlFragment(CONTENT_FIELD))
        const title = richTextDoc(then).title
        const shapes = boardDoc(then).list()
        const user = { id: claims.sub, name: claims.name, color: claims.color }
        // What was written since the last version becomes a version first: a restore never
        // loses anything, and history is only ever added to.
        await recorder.flush(doc)
        const label = version.name ?? new Date(version.created).toISOString()
        recorder.label(doc, 'restore', `Restored ${label}`.slice(0, MAX_VERSION_NAME), {
          id: claims.sub,
          name: claims.name,
        })
        await documents.change(doc, user, (ydoc) => {
          if (kind === 'board') {
            boardDoc(ydoc).replaceAll(shapes)
            return
          }
          replaceJson(ydoc.getXmlFragment(CONTENT_FIELD), content)
          const rich = richTextDoc(ydoc)
          if (rich.title !== title) rich.setTitle(title)
        })
        // Cut here, or already by the unload that followed the change (no one had it open).
        const restored = (await recorder.flush(doc)) ?? (await versions.list(doc))[0]
        sendJson(request.res, 200, { version: restored, restoredFrom: version.id })
      },
    },
  ]
}

function versionName(body: unknown): string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new TandemError('bad-request', 'body must be a JSON object like {"name": "Draft 1"}')
  }
  const { name } = body as { name?: unknown }
  if (typeof name !== 'string' || name.trim() === '') {
    throw new TandemError('bad-request', 'name must be a non-empty string')
  }
  if (name.trim().length > MAX_VERSION_NAME) {
    throw new TandemError('bad-request', `name must be at most ${MAX_VERSION_NAME} characters`)
  }
  return name.trim()
}
