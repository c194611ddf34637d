/** The host backend's API, as the frontend sees it. */

export interface Me {
  user: { id: string; name: string; color: string }
  documents: { id: string; title: string; role: Role | null }[]
  notes: { id: string; title: string; role: Role | null }
  users: string[]
}

export type Role = 'owner' | 'editor' | 'commenter' | 'viewer'

/** An error of the backend's JSON API: `{ error: { code, message } }`. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, init)
  const body = (await response.json().catch(() => null)) as
    (T & { error?: undefined }) | { error: { code: string; message: string } } | null
  if (!response.ok || body === null || body.error) {
    throw new ApiError(body?.error?.code ?? 'internal', body?.error?.message ?? response.statusText)
  }
  return body as T
}

export const fetchConfig = () => call<{ tandemUrl: string }>('/api/config')

/** The signed-in user, or null when nobody is. */
export const fetchMe = () =>
  call<Me>('/api/me').catch((error: unknown) => {
    if (error instanceof ApiError && error.code === 'unauthorized') return null
    throw error
  })

export const login = (username: string, password: string) =>
  call<Me>('/api/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })

export const logout = () => call<{ ok: true }>('/api/logout', { method: 'POST' })

/**
 * The editor's `getToken`: the backend signs a short-lived Tandem JWT for the session's user.
 * A module-level function, so its identity never changes between renders.
 */
export async function getTandemToken(): Promise<string> {
  const response = await fetch('/api/tandem-token')
  if (!response.ok) throw new ApiError('unauthorized', `token endpoint answered ${response.status}`)
  return response.text()
}
