import * as Y from 'yjs'
import {
  boardDoc,
  boardToSvg,
  CONTENT_FIELD,
  newId,
  richTextDoc,
  TandemError,
  workspaceDoc,
} from '@tandem/schema'
import type { SessionUser } from '../collab/context.js'
import type { DocumentAccess } from '../documents/document-access.js'
import { workspaceIdOf, type ApiRoute } from '../http/rest/api-route.js'
import { DOCUMENT_BODY_TYPES, parseBody } from '../http/rest/doc-routes.js'
import { HttpError, sendJson } from '../http/respond.js'
import { readTextBody } from '../http/text-body.js'
import { appendJson, fragmentToJson } from '../richtext/prosemirror-json.js'
import { toMarkdown } from '../richtext/to-markdown.js'
import type { Memberships } from '../store/memberships.js'
import { zip, type ZipEntry } from './zip.js'

/** What the export and import routes need. */
export interface ExportRoutesOptions {
  documents: DocumentAccess
  memberships: Memberships
  maxBodyBytes: number
}

/**
 * `GET /api/workspaces/{id}/export`: the workspace as a zip of Markdown + JSON, and an SVG
 * drawing of each board (users own their data); `POST /api/workspaces/{id}/import`: a Markdown or HTML file as a new document.
 */
export function exportRoutes({
  documents,
  memberships,
  maxBodyBytes,
}: ExportRoutesOptions): ApiRoute[] {
  return [
    {
      method: 'GET',
      path: '/api/workspaces/{id}/export',
      async handle({ params, res, authorize }) {
        const id = workspaceIdOf(params.id)
        await authorize(`workspace:${id}`, 'read')
        const index = await documents.read(`workspace:${id}`)
        const entries = index ? workspaceDoc(index).list({ includeTrashed: true }) : []
        const files: ZipEntry[] = []
        const listed: unknown[] = []
        const names = new Set<string>()
        for (const entry of entries) {
          const name = `${entry.kind}:${entry.id}`
          // A document the caller may not read stays out of their export.
          const readable = await authorize(name, 'read').then(
            () => true,
            (error: unknown) => {
              if (error instanceof TandemError) return false
              throw error
            },
          )
          if (!readable) continue
          const ydoc = (await documents.read(name)) ?? new Y.Doc()
          const base = uniqueName(names, entry.title || entry.id)
          if (entry.kind === 'doc') {
            const content = fragmentToJson(ydoc.getXmlFragment(CONTENT_FIELD))
            files.push({ path: `docs/${base}.md`, data: toMarkdown(content) })
            files.push({
              path: `docs/${base}.json`,
              data: JSON.stringify(
                { name, title: richTextDoc(ydoc).title, content: { type: 'doc', content } },
                null,
                2,
              ),
            })
          } else {
            const board = boardDoc(ydoc)
            files.push({
              path: `boards/${base}.svg`,
              data: boardToSvg(board.list(), (shapeId) => board.get(shapeId)),
            })
            files.push({
              path: `boards/${base}.json`,
              data: JSON.stringify({
                name,
                state: Buffer.from(Y.encodeStateAsUpdate(ydoc)).toString('base64'),
              }),
            })
          }
          listed.push({
            ...entry,
            name,
            file: `${entry.kind === 'doc' ? 'docs' : 'boards'}/${base}`,
          })
        }
        files.unshift({
          path: 'workspace.json',
          data: JSON.stringify(
            { workspace: id, exported: new Date().toISOString(), items: listed },
            null,
            2,
          ),
        })
        const body = zip(files)
        res.writeHead(200, {
          'content-type': 'application/zip',
          'content-length': body.length,
          'content-disposition': `attachment; filename="workspace-${id}.zip"`,
          'cache-control': 'no-store',
        })
        res.end(body)
      },
    },
    {
      method: 'POST',
      path: '/api/workspaces/{id}/import',
      async handle({ req, params, query, res, authorize }) {
        const workspace = workspaceIdOf(params.id)
        const { claims } = await authorize(`workspace:${workspace}`, 'write')
        const title = (query.get('title') ?? '').trim()
        if (title.length > 200)
          throw new HttpError(400, 'bad-request', 'title longer than 200 characters')
        const body = await readTextBody(req, maxBodyBytes, DOCUMENT_BODY_TYPES)
        const nodes = parseBody(body.type, body.text)
        const id = newId()
        const name = `doc:${id}`
        await authorize(name, 'write')
        const user: SessionUser = { id: claims.sub, name: claims.name, color: claims.color }
        // The index entry first, then the content (see PUT /api/docs/{name}).
        await documents.change(
          `workspace:${workspace}`,
          user,
          (ydoc) => void workspaceDoc(ydoc).create({ kind: 'doc', id, title, createdBy: user.id }),
        )
        await documents.change(name, user, (ydoc) => {
          appendJson(ydoc.getXmlFragment(CONTENT_FIELD), nodes)
          if (title) richTextDoc(ydoc).setTitle(title)
        })
        await memberships.claimOwnerIfUnowned(name, user.id)
        sendJson(res, 201, { name, id, title })
      },
    },
  ]
}

// File names from titles: no path separators or characters file systems refuse, unique.
function uniqueName(taken: Set<string>, title: string): string {
  const printable = [...title].filter((c) => c.charCodeAt(0) >= 32).join('')
  const base =
    printable
      .replace(/[\\/:*?"<>|]+/g, '-')
      .trim()
      .slice(0, 100) || 'Untitled'
  let name = base
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base} (${i})`
  taken.add(name.toLowerCase())
  return name
}
