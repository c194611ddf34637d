import { TandemError } from '@tandem/schema'

/** A token, or a function that fetches a fresh one (called again after every disconnect). */
export type TokenInput = string | (() => string | Promise<string>)

/**
 * Hands the token to every document's provider. A function token is called once per
 * connection, not once per document (fifty open documents would otherwise mean fifty calls
 * to the host's auth endpoint on every reconnect), and again after `invalidate()`.
 */
export class TokenSource {
  private cached: Promise<string> | null = null

  constructor(private readonly input: TokenInput) {}

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
    pending.then(undefined, () => {
      if (this.cached === pending) this.cached = null
    })
    this.cached = pending
    return pending
  }

  /** Forget the cached token so the next `get()` fetches a new one. */
  invalidate(): void {
    this.cached = null
  }
}
