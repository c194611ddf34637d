/**
 * Limits how many documents authenticate at once on one socket. Hocuspocus closes a
 * connection that has more than `maxPendingDocuments` (default 100) documents waiting for
 * authentication, so a client with 150 open documents would be disconnected on every
 * reconnect, forever. Documents beyond the limit wait for an earlier one to finish.
 */
export class AuthGate {
  private readonly inFlight = new Set<object>()
  private waiting: Array<{ key: object; start: () => void }> = []

  /** @param limit documents authenticating at once. */
  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError(`AuthGate: limit must be a positive integer, got ${limit}`)
    }
  }

  /** Runs `start` now if fewer than `limit` are in flight, else when a slot frees up. */
  request(key: object, start: () => void): void {
    if (this.inFlight.has(key) || this.waiting.some((w) => w.key === key)) this.done(key)
    if (this.inFlight.size < this.limit) {
      this.inFlight.add(key)
      start()
    } else {
      this.waiting.push({ key, start })
    }
  }

  /** `key` is authenticated, refused or gone: frees its slot or its place in line. */
  done(key: object): void {
    this.waiting = this.waiting.filter((w) => w.key !== key)
    if (!this.inFlight.delete(key)) return
    const next = this.waiting.shift()
    if (!next) return
    this.inFlight.add(next.key)
    next.start()
  }

  /** The connection is gone: nobody is authenticating on it any more. */
  reset(): void {
    this.inFlight.clear()
    this.waiting = []
  }

  /** Documents authenticating now (for tests). */
  get active(): number {
    return this.inFlight.size
  }
}
