import type { Shape } from '@tandem/schema'

/** A version as `GET /api/docs/<name>/versions` lists it. */
export interface VersionInfo {
  id: string
  kind: 'auto' | 'named' | 'restore'
  name: string | null
  created: number
  authors: { id: string; name: string }[]
}

/** A run of text in a diff. */
export interface DiffSpan {
  text: string
  change: 'same' | 'added' | 'removed'
  author: { id: string; name: string } | null
}

/** One text block of a diff. */
export interface DiffBlock {
  type: string
  change: 'same' | 'added' | 'removed' | 'changed'
  spans: DiffSpan[]
}

/** How one shape of a board changed since a version. */
export interface ShapeChange {
  id: string
  type: string
  change: 'added' | 'removed' | 'changed'
  author: { id: string; name: string } | null
}

/** A board's diff: the version's shapes (to draw it) and what changed since, shape by shape. */
export interface BoardDiff {
  shapes: Shape[]
  changes: ShapeChange[]
}

/** What `GET .../versions/<id>/diff` answers (`board` for `board:` documents, no blocks). */
export interface VersionDiff {
  version: VersionInfo
  blocks: DiffBlock[]
  authors: {
    author: { id: string; name: string } | null
    added: number
    removed: number
    changed?: number
  }[]
  board?: BoardDiff
}

/** A failed API call, with the server's error code when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

/** Calls the server's REST API with the session token; throws ApiError on failure. */
export async function api(token: string, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers)
  headers.set('authorization', `Bearer ${token}`)
  let res: Response
  try {
    res = await fetch(path, { ...init, headers })
  } catch (error) {
    console.warn('tandem: API request failed', error)
    throw new ApiError(
      0,
      'offline',
      'Cannot reach the server. History and export need a connection.',
    )
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as {
      error?: { code?: string; message?: string }
    } | null
    throw new ApiError(
      res.status,
      body?.error?.code ?? 'unknown',
      body?.error?.message ?? res.statusText,
    )
  }
  return res
}

const docPath = (name: string): string => `/api/docs/${encodeURIComponent(name)}`

/** Versions of `name`, newest first. */
export async function listVersions(token: string, name: string): Promise<VersionInfo[]> {
  const res = await api(token, `${docPath(name)}/versions`)
  return ((await res.json()) as { versions: VersionInfo[] }).versions
}

/** Saves the current state as a named version. */
export async function saveVersion(
  token: string,
  name: string,
  label: string,
): Promise<VersionInfo> {
  const res = await api(token, `${docPath(name)}/versions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: label }),
  })
  return ((await res.json()) as { version: VersionInfo }).version
}

/** The changes from a version to now, with authors. */
export async function versionDiff(token: string, name: string, id: string): Promise<VersionDiff> {
  const res = await api(token, `${docPath(name)}/versions/${encodeURIComponent(id)}/diff`)
  return (await res.json()) as VersionDiff
}

/** Restores a version (a new change every client receives). */
export async function restoreVersion(
  token: string,
  name: string,
  id: string,
): Promise<VersionInfo> {
  const res = await api(token, `${docPath(name)}/versions/${encodeURIComponent(id)}/restore`, {
    method: 'POST',
  })
  return ((await res.json()) as { version: VersionInfo }).version
}

/** Export formats of a document and their file extensions. */
export const EXPORT_FORMATS = [
  { format: 'markdown', label: 'Markdown', extension: 'md' },
  { format: 'html', label: 'HTML', extension: 'html' },
  { format: 'json', label: 'JSON', extension: 'json' },
] as const

/** The document in `format` as a file Blob. */
export async function exportDocument(token: string, name: string, format: string): Promise<Blob> {
  const res = await api(token, `${docPath(name)}?format=${encodeURIComponent(format)}`)
  return res.blob()
}

/** How a version is called in the list: its name, or who edited. */
export function versionLabel(version: VersionInfo): string {
  if (version.name) return version.name
  const names = version.authors.map((a) => a.name)
  if (names.length === 0) return 'Edits'
  return `Edited by ${names.join(', ')}`
}
