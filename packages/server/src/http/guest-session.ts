import type { IncomingMessage, ServerResponse } from 'node:http'
import { colorForUser, newId } from '@tandem/schema'
import type { TokenAuthority } from '../auth/tokens.js'
import { readJsonBody } from './json-body.js'
import { HttpError, sendJson } from './respond.js'

/** Largest accepted sign-in body. */
export const MAX_SESSION_BODY_BYTES = 16 * 1024
/** Longest display name, in characters, after trimming. */
export const MAX_NAME_LENGTH = 64

/** `POST /api/session {"name"}` -> `{ token, user: { id, name, color } }`: local-mode guest sign-in. */
export async function handleGuestSession(
  req: IncomingMessage,
  res: ServerResponse,
  tokens: TokenAuthority,
  ttlSeconds: number,
): Promise<void> {
  const body = await readJsonBody(req, MAX_SESSION_BODY_BYTES)
  const name = validName(body)
  const id = newId()
  const user = { id, name, color: colorForUser(id) }
  const token = await tokens.sign({ sub: id, name, color: user.color }, ttlSeconds)
  sendJson(res, 200, { token, user })
}

function validName(body: unknown): string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'bad-request', 'body must be a JSON object like {"name": "Alice"}')
  }
  const { name } = body as { name?: unknown }
  if (typeof name !== 'string') throw new HttpError(400, 'bad-request', 'name must be a string')
  const trimmed = name.trim()
  if (trimmed === '') throw new HttpError(400, 'bad-request', 'name must not be empty')
  if ([...trimmed].length > MAX_NAME_LENGTH) {
    throw new HttpError(400, 'bad-request', `name must be at most ${MAX_NAME_LENGTH} characters`)
  }
  return trimmed
}
