import type { IncomingMessage } from 'node:http'
import { HttpError } from './respond.js'

/**
 * Reads a text request body of at most `maxBytes` whose media type is one of `types`; returns
 * the media type and the UTF-8 text. Throws HttpError 415 for another type, 413 beyond the limit.
 */
export async function readTextBody(
  req: IncomingMessage,
  maxBytes: number,
  types: readonly string[],
): Promise<{ type: string; text: string }> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  if (!types.includes(type)) {
    throw new HttpError(415, 'bad-request', `content-type must be ${types.join(' or ')}`)
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
  const bytes = Buffer.concat(chunks)
  try {
    return { type, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) }
  } catch {
    throw new HttpError(400, 'bad-request', 'body is not valid UTF-8')
  }
}
