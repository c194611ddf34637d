import type {
  Document,
  Extension,
  Hocuspocus,
  onConfigurePayload,
  afterUnloadDocumentPayload,
  beforeSyncPayload,
  beforeUnloadDocumentPayload,
  onChangePayload,
  onLoadDocumentPayload,
} from '@hocuspocus/server'
import * as Y from 'yjs'
import { governingDocName, TandemError } from '@tandem/schema'
import type { Logger } from '../logger.js'
import type { Compactor } from '../store/compactor.js'
import type { Memberships } from '../store/memberships.js'
import type { StoredDocument, UpdateStore } from '../store/update-store.js'
import type { CollabContext } from './context.js'
import { isOrigin } from './origins.js'
import { RelayedChanges } from './relayed-changes.js'

const SYNC_STEP_2 = 1
const SYNC_UPDATE = 2
const SOCKET_OPEN = 1 // WebSocket.OPEN

/** Options for {@link Persistence}. */
export interface PersistenceOptions {
  store: UpdateStore
  compactor: Compactor
  memberships: Memberships
  maxDocumentBytes: number
  logger: Logger
  /**
   * True when every instance writes the same store (Postgres): changes relayed from another
   * instance are stored there by that instance, so this one does not append them again (see
   * RelayedChanges). False (each instance its own SQLite file): relayed changes are appended
   * here too, so each file holds the whole document. @default false
   */
  sharedStore?: boolean
}

/**
 * Durable persistence as Hocuspocus hooks. `beforeSync` (which Hocuspocus awaits before it
 * applies, relays and acknowledges a sync-step-2 or update message) starts the append and
 * returns; the socket's AckGate holds the SyncStatus acknowledgement until the append is
 * committed, so "acked" implies "stored" without putting the fsync on the relay path. Sockets
 * without acknowledgements (the y-websocket door) await the commit here instead. Appends
 * are group-committed by the store, so a burst waits for one shared fsync, not one per update.
 * Changes that did not come from a connection (direct connections, migrations) are appended from
 * `onChange`; so are changes relayed by other instances over Redis, unless the store is shared.
 */
export class Persistence implements Extension {
  extensionName = 'TandemPersistence'
  // Documents created empty in this process: their first writer becomes the owner.
  private readonly newDocuments = new Set<string>()
  // Unfinished appends per document, and the latest of them (see track()).
  private readonly inFlight = new Map<string, Set<Promise<boolean>>>()
  private readonly lastAppend = new Map<string, Promise<boolean>>()

  private instance: Hocuspocus | undefined
  // Only with a shared store: relayed changes this instance has not stored itself.
  private readonly relayed: RelayedChanges | undefined

  constructor(private readonly options: PersistenceOptions) {
    if (options.sharedStore) this.relayed = new RelayedChanges(options.store, options.logger)
  }

  async onConfigure({ instance }: onConfigurePayload): Promise<void> {
    this.instance = instance
  }

  async onLoadDocument({ document, documentName }: onLoadDocumentPayload): Promise<void> {
    const { store, compactor, logger } = this.options
    const started = performance.now()
    await this.settled(documentName)
    let stored: StoredDocument
    try {
      stored = await store.load(documentName)
      Y.transact(document, () => {
        if (stored.snapshot) Y.applyUpdate(document, stored.snapshot)
        for (const update of stored.updates) Y.applyUpdate(document, update)
      })
    } catch (error) {
      // Unexpected (unreadable database, corrupt row): log with context, refuse the connection
      // with a stable reason; Hocuspocus unloads the document and nothing is written.
      logger.error('document.load_failed', { doc: documentName, error })
      const refusal: { reason: 'storage-failed' } = { reason: 'storage-failed' }
      throw refusal
    }
    const logBytes = stored.updates.reduce((sum, u) => sum + u.byteLength, 0)
    compactor.noteLoaded(
      documentName,
      stored.snapshot?.byteLength ?? 0,
      stored.updates.length,
      logBytes,
    )
    if (!stored.snapshot && stored.updates.length === 0) this.newDocuments.add(documentName)
    logger.debug('document.loaded', {
      doc: documentName,
      updates: stored.updates.length,
      ms: Math.round(performance.now() - started),
    })
  }

  async beforeSync({
    type,
    payload,
    connection,
    document,
    documentName,
    context,
  }: beforeSyncPayload): Promise<void> {
    if (type !== SYNC_STEP_2 && type !== SYNC_UPDATE) return
    // Hocuspocus refuses writes from read-only connections after this hook (SyncStatus false,
    // nothing applied or relayed); store nothing for them either.
    if (connection.readOnly) return
    const socket = (context as CollabContext).socket
    if (isNoop(document, payload, type === SYNC_STEP_2)) {
      // Nothing new to store, but what it repeats may still be on its way to disk: it was
      // applied and relayed when it first came (e.g. from this same client, whose socket then
      // dropped before its ack). This ack waits for the document's appends started so far.
      // With a shared store, what it repeats may also have come over Redis from an instance
      // that died before storing it (see RelayedChanges).
      if (!socket) return
      const pending = this.lastAppend.get(documentName)
      if (pending) socket.acks.hold(connection.messageAddress, pending)
      const relayed = this.relayed?.confirm(documentName, document)
      if (relayed) socket.acks.hold(connection.messageAddress, relayed)
      return
    }
    const { store, compactor, maxDocumentBytes } = this.options
    // Hocuspocus keeps working through a connection's queued messages after its socket closed
    // (e.g. on shutdown). Such a message can never be acknowledged, so do not store it: the
    // client still holds it and sends it again after reconnecting. A y-websocket client may
    // not (it may have closed for good right after its last edit), so that one is stored.
    if (socket && socket.readyState !== SOCKET_OPEN && !socket.storesBeforeRelay)
      throw Object.assign(new Error('socket closed'), { reason: 'socket-closed' })
    if (compactor.storedBytes(documentName) + payload.byteLength > maxDocumentBytes) {
      throw this.refuse(socket, new TandemError('document-too-large'), documentName)
    }
    // Counted now, so the size check of the next update sees it too.
    compactor.noteAppend(documentName, payload.byteLength)
    this.claimOwnership(documentName, (context as CollabContext).user?.id)
    const stored = store.appendUpdate(documentName, payload).then(
      () => true,
      (error: unknown) => {
        this.options.logger.error('store.append_failed', { doc: documentName, error })
        this.refuse(
          socket,
          new TandemError('storage-failed', undefined, { cause: error }),
          documentName,
        )
        // The update is applied in memory but not stored: close every connection of the
        // document so it unloads; on reconnect, clients (the sender holds it unacknowledged,
        // peers received it) send it again and it is stored then.
        this.instance?.closeConnections(documentName)
        return false
      },
    )
    this.track(documentName, stored)
    if (socket && !socket.storesBeforeRelay) {
      // Apply and relay now; only the acknowledgement waits for the commit (see AckGate).
      socket.acks.hold(connection.messageAddress, stored)
      // The ack of a (re)connecting client's sync step 2 tells it that everything it holds is
      // stored, including what reached this instance only over Redis (see RelayedChanges).
      const relayed =
        type === SYNC_STEP_2 ? this.relayed?.confirm(documentName, document) : undefined
      if (relayed) socket.acks.hold(connection.messageAddress, relayed)
    } else if (!(await stored)) {
      // A y-websocket client gets no acknowledgement and may be gone before a crash, so its
      // update reaches no peer before it is stored: nothing a peer has seen can be lost.
      throw new TandemError('storage-failed')
    }
  }

  async onChange({
    transactionOrigin,
    update,
    documentName,
    context,
  }: onChangePayload): Promise<void> {
    // Connection updates are stored from beforeSync.
    if (isOrigin(transactionOrigin, 'connection')) return
    const { store, compactor, logger } = this.options
    if (this.relayed && isOrigin(transactionOrigin, 'redis')) {
      // Stored by the instance whose client sent it. Counted, so this instance's compaction
      // thresholds and size limit see the shared log grow.
      compactor.noteAppend(documentName, update.byteLength)
      this.relayed.note(documentName)
      return
    }
    const append = store.appendUpdate(documentName, update).then(
      () => {
        compactor.noteAppend(documentName, update.byteLength)
        return true
      },
      (error: unknown) => {
        logger.error('store.append_failed', {
          doc: documentName,
          origin: originName(transactionOrigin),
          error,
        })
        return false
      },
    )
    this.track(documentName, append)
    ;(context as CollabContext | undefined)?.onStored?.(append)
    await append
  }

  /**
   * Remembers an unfinished append: a reload or an unload compaction of the document waits for
   * it (so it never reads the store without it), and so does the ack of a repeated update.
   * Appends commit in order, so the latest one settles after every earlier one.
   */
  private track(documentName: string, append: Promise<boolean>): void {
    this.lastAppend.set(documentName, append)
    let pending = this.inFlight.get(documentName)
    if (!pending) this.inFlight.set(documentName, (pending = new Set()))
    pending.add(append)
    void append.then(() => {
      if (this.lastAppend.get(documentName) === append) this.lastAppend.delete(documentName)
      pending.delete(append)
      if (pending.size === 0 && this.inFlight.get(documentName) === pending) {
        this.inFlight.delete(documentName)
      }
    })
  }

  private async settled(documentName: string): Promise<void> {
    const pending = this.inFlight.get(documentName)
    if (pending) await Promise.all(pending)
  }

  /**
   * With a shared store, a document about to unload makes sure the store holds what was relayed
   * to it: the instance that should have stored it may have died, and the peers that received it
   * do not hold it as unacknowledged.
   */
  async beforeUnloadDocument({
    document,
    documentName,
  }: beforeUnloadDocumentPayload): Promise<void> {
    await this.relayed?.confirm(documentName, document)
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
    this.newDocuments.delete(documentName)
    this.relayed?.forget(documentName)
    await this.settled(documentName)
    await this.options.compactor.compactAndForget(documentName)
  }

  private claimOwnership(documentName: string, userId: string | undefined): void {
    if (!userId || !this.newDocuments.delete(documentName)) return
    this.options.memberships
      .claimOwnerIfUnowned(governingDocName(documentName), userId)
      .catch((error: unknown) =>
        this.options.logger.error('memberships.claim_failed', { doc: documentName, error }),
      )
  }

  // Throwing from beforeSync makes Hocuspocus skip the message (no apply, no ack) and drop the
  // document connection; closing the socket with the error's code tells the client why. The
  // client keeps the update and sends it again after reconnecting.
  private refuse(
    socket: CollabContext['socket'] | undefined,
    error: TandemError,
    doc: string,
  ): Error {
    socket?.refuse(error, { doc })
    return Object.assign(error, { reason: error.code })
  }
}

function originName(origin: unknown): string {
  if (typeof origin === 'string') return origin
  if (typeof origin === 'object' && origin !== null && 'source' in origin)
    return String(origin.source)
  return typeof origin
}

/**
 * True when storing `update` would add nothing. `[0, 0]` (no structs, no deletions) is the empty
 * update. A sync step 2 (sent once per connection) also repeats the sender's whole delete set,
 * so when it brings no new structs, compare it with the document's snapshot (O(document), but
 * once per connection, not per edit).
 */
function isNoop(document: Document, update: Uint8Array, syncStep2: boolean): boolean {
  if (isEmptyUpdate(update)) return true
  if (!syncStep2) return false
  const { to } = Y.parseUpdateMeta(update)
  for (const [client, clock] of to) {
    if (clock > Y.getState(document.store, client)) return false
  }
  return Y.snapshotContainsUpdate(Y.snapshot(document), update)
}

// No structs and no deletions: what most clients send as their first sync step 2.
function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length === 2 && update[0] === 0 && update[1] === 0
}
