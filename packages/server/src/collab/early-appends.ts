/** The outcome of an append started when its frame arrived: a value, never a rejection. */
export type AppendResult = { ok: true } | { ok: false; error: unknown }

/**
 * Appends started when an update frame arrives, found again by `beforeSync` through the bytes
 * of the update (the payload Hocuspocus peeks is a view into the same frame buffer, at the same
 * offset).
 *
 * Why: Hocuspocus handles a connection's messages one at a time and awaits `beforeSync` for
 * each, so a client typing faster than one commit per update would be held to one update per
 * commit latency (measured: 100 typists at 20 updates/s fell seconds behind on a busy machine).
 * Starting the append on arrival lets the queued updates of one connection share a group
 * commit, while Hocuspocus still applies, relays and acknowledges each update only after
 * `beforeSync` saw it stored.
 */
export class EarlyAppends {
  private readonly started = new WeakMap<ArrayBufferLike, Map<number, Promise<AppendResult>>>()

  /** Remembers the append of `update`. */
  add(update: Uint8Array, result: Promise<AppendResult>): void {
    let byOffset = this.started.get(update.buffer)
    if (!byOffset) {
      byOffset = new Map()
      this.started.set(update.buffer, byOffset)
    }
    byOffset.set(update.byteOffset, result)
  }

  /** The append started for exactly these bytes, if any; each is handed out once. */
  take(update: Uint8Array): Promise<AppendResult> | undefined {
    const byOffset = this.started.get(update.buffer)
    const result = byOffset?.get(update.byteOffset)
    if (result) byOffset?.delete(update.byteOffset)
    return result
  }
}
