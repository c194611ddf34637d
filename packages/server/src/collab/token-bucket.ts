/** Options for {@link TokenBucket}. */
export interface TokenBucketOptions {
  /** Tokens added per second. */
  ratePerSecond: number
  /** Bucket size: the largest burst. */
  burst: number
  /** Clock in milliseconds. @default performance.now */
  now?: () => number
}

/** A token bucket: `take()` is false once a sender exceeds its rate beyond the burst. */
export class TokenBucket {
  private tokens: number
  private last: number
  private readonly now: () => number

  constructor(private readonly options: TokenBucketOptions) {
    this.now = options.now ?? (() => performance.now())
    this.tokens = options.burst
    this.last = this.now()
  }

  /** Takes one token; false when the bucket is empty. */
  take(): boolean {
    const now = this.now()
    this.tokens = Math.min(
      this.options.burst,
      this.tokens + ((now - this.last) / 1000) * this.options.ratePerSecond,
    )
    this.last = now
    if (this.tokens < 1) return false
    this.tokens -= 1
    return true
  }
}
