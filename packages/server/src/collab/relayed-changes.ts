import * as Y from 'yjs'
import type { Logger } from '../logger.js'
import type { UpdateStore } from '../store/update-store.js'

/**
 * What a document on this instance received only over Redis, with a shared store.
 *
 * With a shared store the instance that received an update from its client stores it; the
 * instances that get it relayed over Redis do not append it again (one write per update). That
 * leaves one gap: instance A relays an update and dies before its append commits. The sender
 * never got its ack and reconnects to instance B, but B already holds the update in memory, so
 * the sender's sync step 2 brings nothing new, and B's ack would tell it "stored" for something
 * only B's memory holds. So when a document has relayed changes not yet confirmed in the store
 * and a client's message needs an ack that depends on them (a message that adds nothing), B
 * first compares its document with the store and appends whatever the store lacks. That costs a
 * load of the document (O(document), on a reconnect, not per edit), and writes only what is
 * really missing, so in the normal case (A alive) nothing is written twice except what A had not
 * committed yet at that instant, which Yjs applies idempotently.
 */
export class RelayedChanges {
  // Documents with relayed changes the store was not yet compared with.
  private readonly unconfirmed = new Set<string>()
  // The running confirmation of each document (later ones chain after it).
  private readonly running = new Map<string, Promise<boolean>>()

  constructor(
    private readonly store: UpdateStore,
    private readonly logger: Logger,
  ) {}

  /** Records that `doc` changed through a relay (not stored by this instance). */
  note(doc: string): void {
    this.unconfirmed.add(doc)
  }

  /** Forgets `doc` (it unloaded). */
  forget(doc: string): void {
    this.unconfirmed.delete(doc)
  }

  /**
   * Resolves true once everything `document` holds is in the store (appending what is missing),
   * false if that failed; undefined when nothing relayed is unconfirmed (nothing to wait for).
   */
  confirm(doc: string, document: Y.Doc): Promise<boolean> | undefined {
    const previous = this.running.get(doc)
    if (!this.unconfirmed.has(doc)) return previous
    this.unconfirmed.delete(doc)
    const run = (previous ?? Promise.resolve(true))
      .then(() => this.storeMissing(doc, document))
      .then(
        () => true,
        (error: unknown) => {
          // Compare again next time: the relayed changes are still not known to be stored.
          this.unconfirmed.add(doc)
          this.logger.error('store.relayed_confirm_failed', { doc, error })
          return false
        },
      )
    this.running.set(doc, run)
    void run.then(() => {
      if (this.running.get(doc) === run) this.running.delete(doc)
    })
    return run
  }

  private async storeMissing(doc: string, document: Y.Doc): Promise<void> {
    const stored = await this.store.load(doc)
    const copy = new Y.Doc()
    Y.transact(copy, () => {
      if (stored.snapshot) Y.applyUpdate(copy, stored.snapshot)
      for (const update of stored.updates) Y.applyUpdate(copy, update)
    })
    // The structs the store lacks plus the document's whole delete set; skip it when the
    // store already holds all of that.
    const missing = Y.encodeStateAsUpdate(document, Y.encodeStateVector(copy))
    const complete = Y.snapshotContainsUpdate(Y.snapshot(copy), missing)
    copy.destroy()
    if (complete) return
    await this.store.appendUpdate(doc, missing)
    this.logger.info('store.relayed_stored', { doc, bytes: missing.byteLength })
  }
}
