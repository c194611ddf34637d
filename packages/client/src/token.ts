import { TandemError } from '@tandem/schema'

/** A token, or a function that fetches a fresh one (called again after every disconnect). */
export type TokenInput = string | (() => string | Promise<string>)

/** What {@link TokenSource} tells its owner about refreshes before expiry. */
export interface TokenRefreshListener {
  /** A fresh token replaced one that was about to expire. */
  refreshed(token: string): void
  /** Fetching it failed; the old token stays until the server refuses it. */
  failed(error: TandemError): void
}

// A token is refreshed when a fifth of its lifetime is left, at most a minute before expiry,
// and never sooner than this after it was fetched (a host handing out tokens that are already
// about to expire must not make the client call it in a tight loop).
const REFRESH_SHARE = 0.2
const MAX_REFRESH_LEAD_MS = 60_000
const MIN_REFRESH_WAIT_MS = 500

/**
 * Hands the token to every document's provider. A function token is called once per
 * connection, not once per document (fifty open documents would otherwise mean fifty calls
 * to the host's auth endpoint on every reconnect), again after `invalidate()`, and again before
 * a JWT it returned expires (read from its `exp`; the server checks the signature, the client
 * only needs the time), so a long session never runs into the server's expiry close.
 */
export class TokenSource {
  private cached: Promise<string> | null = null
  private refreshTimer: ReturnType<typeof setTimeout> | null = null
  private disposed = false

  constructor(
    private readonly input: TokenInput,
    private readonly listener: TokenRefreshListener | null = null,
  ) {}

  /** True when a new token can be fetched (the input is a function). */
  get refreshable(): boolean {
    return typeof this.input === 'function'
  }

  /** The current token; fetches one when none is cached. */
  get(): Promise<string> {
    if (typeof this.input === 'string') return Promise.resolve(this.input)
    if (this.cached) return this.cached
    const fetch = this.input
    const pending = Promise.resolve()
      .then(() => fetch())
      .then((token) => {
        if (typeof token !== 'string' || token.length === 0) {
          throw new TandemError(
            'unauthorized',
            `the token function returned ${token === '' ? 'an empty string' : typeof token}, expected a non-empty string`,
          )
        }
        return token
      })
    // A failed fetch is not cached: the next caller (the next retry) tries again.
    pending.then(
      (token) => {
        if (this.cached === pending) this.scheduleRefresh(token)
      },
      () => {
        if (this.cached === pending) this.cached = null
      },
    )
    this.cached = pending
    return pending
  }

  /** Forget the cached token so the next `get()` fetches a new one. */
  invalidate(): void {
    this.cached = null
    this.clearRefresh()
  }

  /** Stops the refresh timer for good (the client is destroyed). */
  dispose(): void {
    this.disposed = true
    this.invalidate()
  }

  private scheduleRefresh(token: string): void {
    this.clearRefresh()
    if (this.disposed || !this.listener) return
    const wait = refreshDelay(token, Date.now())
    if (wait === null) return
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null
      this.cached = null
      this.get().then(
        (fresh) => this.listener?.refreshed(fresh),
        (error: unknown) =>
          this.listener?.failed(
            error instanceof TandemError
              ? error
              : new TandemError('unauthorized', `token refresh failed: ${String(error)}`, {
                  cause: error,
                }),
          ),
      )
    }, wait)
    // Node: a pending refresh alone must not keep the process alive.
    ;(this.refreshTimer as { unref?: () => void }).unref?.()
  }

  private clearRefresh(): void {
    if (this.refreshTimer !== null) clearTimeout(this.refreshTimer)
    this.refreshTimer = null
  }
}

/**
 * Milliseconds until a token fetched at `now` should be refreshed, or null when it is not a
 * JWT with an `exp`. The time left is read from the local clock, but never taken as more than
 * `exp - iat` less a second (`iat` and `exp` are whole seconds), so a client clock that runs
 * behind or ahead of the host's does not make the refresh come too late.
 */
export function refreshDelay(token: string, now: number): number | null {
  const claims = jwtTimes(token)
  if (!claims) return null
  const byClock = claims.exp * 1000 - now
  const byIat = claims.iat !== undefined ? (claims.exp - claims.iat - 1) * 1000 : Infinity
  const left = Math.min(byClock > 0 ? byClock : Infinity, byIat)
  if (left === Infinity) return MIN_REFRESH_WAIT_MS
  const lead = Math.min(MAX_REFRESH_LEAD_MS, left * REFRESH_SHARE)
  return Math.max(MIN_REFRESH_WAIT_MS, left - lead)
}

/** `exp` and `iat` of a JWT (unverified), or null when it is not one or has no `exp`. */
function jwtTimes(token: string): { exp: number; iat?: number } | null {
  const parts = token.split('.')
  if (parts.length !== 3 || !parts[1]) return null
  let payload: unknown
  try {
    const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/')
    payload = JSON.parse(decodeBase64(base64))
  } catch {
    // Not a JWT we can read (an opaque token): no refresh before expiry, only after refusals.
    return null
  }
  if (typeof payload !== 'object' || payload === null) return null
  const { exp, iat } = payload as { exp?: unknown; iat?: unknown }
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return null
  return typeof iat === 'number' && Number.isFinite(iat) && iat < exp ? { exp, iat } : { exp }
}

function decodeBase64(base64: string): string {
  const binary = atob(base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), '='))
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)))
}
