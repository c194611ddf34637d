/**
 * What an outgoing content frame will confirm once the server acknowledges it:
 * - an `update` frame carries exactly one local change (`seq`), or a change that was not
 *   made locally (`seq: null`, e.g. restored from IndexedDB) and so confirms nothing;
 * - a `step2` frame carries everything the server lacked when it was written, so it
 *   confirms every local change up to and including `upTo`.
 */
export type AckTag = { kind: 'update'; seq: number | null } | { kind: 'step2'; upTo: number }

/** Result of one `sync-status` frame. */
export type AckResult = 'confirmed' | 'refused' | 'unexpected'

/**
 * Counts local changes that the server has not yet confirmed as stored.
 *
 * Every local change gets a sequence number. The server answers each content frame with one
 * `sync-status`, strictly in the order it received them, so a FIFO of the frames written on
 * the current connection tells which acknowledgement confirms what. Frames lost with a
 * connection are forgotten: the next connection's sync handshake (`step2`) covers them.
 */
export class AckTracker {
  /** Highest sequence number handed out (restored changes count too). */
  private seq = 0
  /** Every change with a number <= this is confirmed. */
  private confirmedUpTo = 0
  /** Confirmed changes above the watermark (acknowledged one by one). */
  private readonly confirmedAbove = new Set<number>()
  /** Content frames written on the current connection and not yet acknowledged. */
  private inFlight: AckTag[] = []

  /** Local changes not yet confirmed by the server. */
  get unsynced(): number {
    return this.seq - this.confirmedUpTo - this.confirmedAbove.size
  }

  /** The newest sequence number: a `step2` written now confirms up to here. */
  get latest(): number {
    return this.seq
  }

  /** Adds `count` unconfirmed changes carried over from an earlier session. */
  restore(count: number): void {
    if (!Number.isSafeInteger(count) || count < 0) {
      throw new RangeError(`restore(): count must be a non-negative integer, got ${count}`)
    }
    this.seq += count
  }

  /** Numbers a new local change. */
  recordLocalChange(): number {
    this.seq += 1
    return this.seq
  }

  /** A content frame was written to an open connection. */
  sent(tag: AckTag): void {
    this.inFlight.push(tag)
  }

  /** The server answered the oldest frame in flight. */
  acked(applied: boolean): AckResult {
    const tag = this.inFlight.shift()
    if (!tag) return 'unexpected'
    if (!applied) return 'refused'
    if (tag.kind === 'step2') {
      this.confirmUpTo(tag.upTo)
    } else if (tag.seq !== null && tag.seq > this.confirmedUpTo) {
      this.confirmedAbove.add(tag.seq)
      this.advance()
    }
    return 'confirmed'
  }

  /** The connection is gone: nothing written on it will be acknowledged any more. */
  connectionLost(): void {
    this.inFlight = []
  }

  private confirmUpTo(upTo: number): void {
    if (upTo <= this.confirmedUpTo) return
    this.confirmedUpTo = upTo
    for (const seq of this.confirmedAbove) {
      if (seq <= upTo) this.confirmedAbove.delete(seq)
    }
    this.advance()
  }

  /** Moves the watermark over individually confirmed changes so the set stays small. */
  private advance(): void {
    while (this.confirmedAbove.delete(this.confirmedUpTo + 1)) this.confirmedUpTo += 1
  }
}
