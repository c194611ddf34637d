import { createClient, type TandemClient } from '@tandem/client'
import { TandemError } from '@tandem/schema'

/** A function that returns a Tandem token (a JWT your backend signed). */
export type GetToken = () => string | Promise<string>

/** What one editor asks of the shared connection. */
export interface SharedClientRequest {
  /** `ws(s)://host:port/collab`, or the server's `http(s)://` origin (`/collab` is added). */
  serverUrl: string
  /** The signed-in user: each user has their own client and their own offline copies. */
  userId: string
  /** Checked here: hosts in plain JavaScript may pass anything. */
  getToken: GetToken | undefined
  persistence?: boolean
}

/** A client lent to one editor: call `release()` when the editor goes away. */
export interface ClientLease {
  readonly client: TandemClient
  /** The token function of the newest editor; the client calls it through this. */
  setGetToken(getToken: GetToken): void
  release(): void
}

interface Entry {
  client: TandemClient
  /** The token function the client calls: the newest editor's (see setGetToken). */
  token: { current: GetToken }
  refs: number
}

// One client (one WebSocket) per server and user, shared by every editor on the page: the
// client multiplexes documents, so three editors cost one socket and one token fetch.
const clients = new Map<string, Entry>()

/**
 * The collaboration endpoint for `serverUrl`: ws(s) URLs as they are, http(s) URLs mapped to
 * ws(s) with `/collab` when they have no path. Throws TandemError `bad-request` otherwise.
 */
export function collabUrl(serverUrl: string): string {
  if (typeof serverUrl !== 'string' || !URL.canParse(serverUrl)) {
    throw new TandemError(
      'bad-request',
      `TandemEditor: serverUrl is not a URL: ${JSON.stringify(serverUrl)}`,
    )
  }
  const url = new URL(serverUrl)
  if (url.protocol === 'http:' || url.protocol === 'https:') {
    url.protocol = url.protocol === 'http:' ? 'ws:' : 'wss:'
    if (url.pathname === '/') url.pathname = '/collab'
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    throw new TandemError(
      'bad-request',
      `TandemEditor: serverUrl must be ws(s):// or http(s)://, got ${url.protocol}`,
    )
  }
  return url.toString()
}

/** Borrows the shared client for this server and user, creating it on first use. */
export function leaseClient(request: SharedClientRequest): ClientLease {
  const url = collabUrl(request.serverUrl)
  const getToken = request.getToken
  if (typeof getToken !== 'function') {
    throw new TandemError(
      'bad-request',
      'TandemEditor: getToken must be a function returning a token',
    )
  }
  if (typeof request.userId !== 'string' || request.userId === '') {
    throw new TandemError('bad-request', 'TandemEditor: user.id must be a non-empty string')
  }
  const key = JSON.stringify([url, request.userId, request.persistence ?? null])
  let entry = clients.get(key)
  if (!entry) {
    const token = { current: getToken }
    const client = createClient({
      url,
      token: () => token.current(),
      // Offline copies per user and server, so two people on one browser never mix.
      storagePrefix: `tandem:${request.userId}@${url}:`,
      ...(request.persistence === undefined ? {} : { persistence: request.persistence }),
    })
    entry = { client, token, refs: 0 }
    clients.set(key, entry)
  }
  const shared = entry
  shared.refs += 1
  shared.token.current = getToken
  let released = false
  return {
    client: shared.client,
    setGetToken: (getToken) => {
      shared.token.current = getToken
    },
    release: () => {
      if (released) return
      released = true
      shared.refs -= 1
      // A microtask later: React StrictMode (and route changes) unmount and mount again at once,
      // which should keep the socket.
      queueMicrotask(() => {
        if (shared.refs > 0 || clients.get(key) !== shared) return
        clients.delete(key)
        void shared.client.destroy()
      })
    },
  }
}
