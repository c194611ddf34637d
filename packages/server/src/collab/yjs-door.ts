import { TandemError } from '@tandem/schema'

/** The path prefix of the y-websocket door: `/yjs/<document name>?token=<JWT>`. */
export const YJS_PATH = '/yjs'

/** What a `/yjs` upgrade URL names: the one document of the socket, and the token. */
export interface YjsDoor {
  documentName: string
  /** Empty when the URL carries none (authentication then refuses it as `unauthorized`). */
  token: string
}

/**
 * Reads a `/yjs/<document name>?token=<JWT>` request URL (path and query, as Node gives it).
 * `WebsocketProvider` appends the room name to the server URL as it is, so `doc:plan` arrives
 * raw; percent-encoded names are decoded too. Whether the name is a valid, accessible document
 * is for authentication to decide, as on `/collab`; here only an undecodable or empty name is
 * refused. Returns the error to close the socket with otherwise.
 */
export function parseYjsDoor(url: string): YjsDoor | TandemError {
  const parsed = new URL(url, 'http://door.invalid')
  // The URL parser resolves dot segments, so check the prefix on what it made of the path.
  if (!parsed.pathname.startsWith(`${YJS_PATH}/`)) {
    return new TandemError('invalid-document-name', 'expected /yjs/<document name>')
  }
  const encoded = parsed.pathname.slice(YJS_PATH.length + 1)
  let documentName: string
  try {
    documentName = decodeURIComponent(encoded)
  } catch {
    return new TandemError('invalid-document-name', 'the document name is not valid URI encoding')
  }
  if (documentName.length === 0 || documentName.includes('/')) {
    return new TandemError('invalid-document-name', 'expected /yjs/<document name>')
  }
  return { documentName, token: parsed.searchParams.get('token') ?? '' }
}
