import type { IncomingMessage } from 'node:http'
import { HttpError } from './respond.js'

/**
 * Reads a JSON request body of at most `maxBytes`. Throws HttpError: 415 unless the content
 * type is application/json, 413 beyond the limit, 400 for invalid JSON.
 */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase()
  if (type !== 'application/json') {
    throw new HttpError(415, 'bad-request', 'content-type must be application/json')
  }
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw new HttpError(413, 'bad-request', `body larger than ${maxBytes} bytes`)
  }
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > maxBytes)
      throw new HttpError(413, 'bad-request', `body larger than ${maxBytes} bytes`)
    chunks.push(chunk as Buffer)
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch {
    throw new HttpError(400, 'bad-request', 'body is not valid JSON')
  }
}
