/** Reconnection delays. */
export interface BackoffOptions {
  /**
   * Ceiling of the first retry's delay in milliseconds; each failed attempt doubles the
   * ceiling. @default 1000
   */
  minDelayMs?: number
  /** Largest ceiling in milliseconds. @default 30000 */
  maxDelayMs?: number
  /**
   * Give up on a connection attempt whose socket has not opened after this many
   * milliseconds (a server or proxy that accepts TCP and never answers), and retry.
   * @default 10000
   */
  connectTimeoutMs?: number
}

export const BACKOFF_DEFAULTS: Required<BackoffOptions> = {
  minDelayMs: 1000,
  maxDelayMs: 30_000,
  connectTimeoutMs: 10_000,
}

/**
 * Exponential backoff with "full jitter" (AWS architecture blog, 2015): each delay is drawn
 * uniformly from [0, min(max, min * 2^attempt)]. The spread matters after a server restart,
 * when every client reconnects at once: a fixed or equal-jitter delay makes them arrive in
 * one wave; full jitter spreads them over the whole window.
 */
export class Backoff {
  private attempt = 0
  private readonly minDelayMs: number
  private readonly maxDelayMs: number

  constructor(
    options: Pick<Required<BackoffOptions>, 'minDelayMs' | 'maxDelayMs'>,
    private readonly random: () => number = Math.random,
  ) {
    this.minDelayMs = options.minDelayMs
    this.maxDelayMs = options.maxDelayMs
  }

  /** The delay before the next attempt; grows the ceiling for the one after. */
  next(): number {
    const ceiling = Math.min(this.maxDelayMs, this.minDelayMs * 2 ** Math.min(this.attempt, 30))
    this.attempt += 1
    return Math.floor(this.random() * (ceiling + 1))
  }

  /** After a success: start again from the smallest ceiling. */
  reset(): void {
    this.attempt = 0
  }
}
