import type { IncomingMessage } from 'node:http'
import { HttpError } from './respond.js'
import { readTextBody } from './text-body.js'

/**
 * Reads a JSON request body of at most `maxBytes`. Throws HttpError: 415 unless the content
 * type is application/json, 413 beyond the limit, 400 for invalid JSON.
 */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const { text } = await readTextBody(req, maxBytes, ['application/json'])
  try {
    return JSON.parse(text)
  } catch {
    throw new HttpError(400, 'bad-request', 'body is not valid JSON')
  }
}
