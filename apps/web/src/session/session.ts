/** A signed-in guest: what POST /api/session returned, kept on the device. */
export interface Session {
  token: string
  user: { id: string; name: string; color: string }
}

const STORAGE_KEY = 'tandem.session'

/** Stable codes of sign-in failures, shown to the user with a readable message. */
export type SignInErrorCode = 'invalid-name' | 'offline' | 'server-error' | 'bad-response'

/** A sign-in that did not succeed; `code` is stable, `message` is for people. */
export class SignInError extends Error {
  constructor(
    readonly code: SignInErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options)
    this.name = 'SignInError'
  }
}

/** The longest display name accepted; longer names are refused, not cut. */
export const MAX_NAME_LENGTH = 64

/** Checks a display name; returns the trimmed name or throws SignInError('invalid-name'). */
export function validateName(raw: string): string {
  const name = raw.trim().replace(/\s+/g, ' ')
  if (name.length === 0) throw new SignInError('invalid-name', 'Please enter your name.')
  if ([...name].length > MAX_NAME_LENGTH) {
    throw new SignInError('invalid-name', `Names can be at most ${MAX_NAME_LENGTH} characters.`)
  }
  return name
}

/** Signs in as a guest with the server's local mode: POST /api/session {"name"}. */
export async function signIn(rawName: string, fetchImpl: typeof fetch = fetch): Promise<Session> {
  const name = validateName(rawName)
  let response: Response
  try {
    response = await fetchImpl('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name }),
    })
  } catch (cause) {
    throw new SignInError(
      'offline',
      'Cannot reach the server. Signing in needs a connection once.',
      {
        cause,
      },
    )
  }
  if (!response.ok) {
    const detail = errorMessage(await response.text().catch((cause: unknown) => String(cause)))
    throw new SignInError('server-error', `Sign-in failed (${response.status}). ${detail}`.trim())
  }
  const body: unknown = await response.json().catch(() => null)
  const session = parseSession(body)
  if (!session) throw new SignInError('bad-response', 'The server sent an unexpected answer.')
  saveSession(session)
  return session
}

/** The session kept on this device, or null (none, or unreadable: then it is discarded). */
export function loadSession(storage: Storage = localStorage): Session | null {
  const raw = storage.getItem(STORAGE_KEY)
  if (raw === null) return null
  let parsed: unknown
  try {
    parsed = JSON.parse(raw)
  } catch (error) {
    console.warn('tandem: discarding an unreadable stored session', error)
    storage.removeItem(STORAGE_KEY)
    return null
  }
  return parseSession(parsed)
}

/** Keeps the session so that a reload, even offline, stays signed in. */
export function saveSession(session: Session, storage: Storage = localStorage): void {
  storage.setItem(STORAGE_KEY, JSON.stringify(session))
}

/** Forgets the session on this device. */
export function clearSession(storage: Storage = localStorage): void {
  storage.removeItem(STORAGE_KEY)
}

function parseSession(value: unknown): Session | null {
  if (typeof value !== 'object' || value === null) return null
  const { token, user } = value as Record<string, unknown>
  if (typeof token !== 'string' || token.length === 0) return null
  if (typeof user !== 'object' || user === null) return null
  const { id, name, color } = user as Record<string, unknown>
  if (typeof id !== 'string' || typeof name !== 'string') return null
  return { token, user: { id, name, color: typeof color === 'string' ? color : '#4f46e5' } }
}

/** The message of a `{ error: { code, message } }` body (TandemError.toJSON), else the text. */
function errorMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } }
    if (typeof parsed.error?.message === 'string') return parsed.error.message
  } catch (error) {
    // Not JSON (a proxy's HTML page, say): show the text itself, which is still informative.
    if (!(error instanceof SyntaxError)) throw error
  }
  return body.slice(0, 200)
}
