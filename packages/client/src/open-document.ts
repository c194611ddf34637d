import { WebSocketStatus } from '@hocuspocus/provider'
import type { onAuthenticatedParameters, onCloseParameters } from '@hocuspocus/provider'
import { TandemError, closeEventToError, type ErrorCode } from '@tandem/schema'
import { Awareness } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { AckTracker } from './ack-tracker.js'
import { Backoff } from './backoff.js'
import { deferred } from './deferred.js'
import { DocumentProvider } from './document-provider.js'
import { isRetryableAuthError, reasonToError } from './errors.js'
import type { DocContext, DocHandle, DocStatus } from './doc-handle.js'
import { Listeners } from './listeners.js'
import { LocalCopy } from './local-copy.js'
import type { FrameObserver } from './socket.js'

/** Refusals that another attempt on the same connection cannot fix. */
const PERMANENT: ReadonlySet<ErrorCode> = new Set([
  'forbidden',
  'invalid-document-name',
  'not-found',
  'bad-request',
])

/**
 * An open document: one Y.Doc, one HocuspocusProvider attached to the client's socket, an
 * optional IndexedDB copy, and the count of local changes the server has not acknowledged.
 */
export class OpenDocument implements DocHandle, FrameObserver {
  readonly doc = new Y.Doc()
  readonly awareness: Awareness
  readonly provider: DocumentProvider
  private readonly local: LocalCopy | null
  private readonly tracker = new AckTracker()
  private readonly listeners = new Listeners<DocStatus>()
  private readonly loaded = deferred<void>()
  private readonly synced = deferred<void>()
  private readonly reauthBackoff: Backoff
  private reauthTimer: ReturnType<typeof setTimeout> | null = null
  /** Sequence number of the change being sent right now (see onDocUpdate). */
  private updateSeq: number | null = null
  private refs = 1
  private closed = false
  private closing: Promise<void> | null = null
  private currentStatus: DocStatus
  private isReadOnly = false
  private isLoaded = false
  /** The server's refusal or close reason, cleared when it accepts the document again. */
  private error: TandemError | undefined
  /** IndexedDB trouble: stays until the document closes. */
  private storageError: TandemError | undefined

  constructor(
    readonly name: string,
    private readonly ctx: DocContext<OpenDocument>,
  ) {
    // Registered before the provider's listener so the change is numbered before the
    // provider sends it (Y.Doc calls update listeners in registration order).
    this.doc.on('update', this.onDocUpdate)
    this.awareness = new Awareness(this.doc)
    this.provider = new DocumentProvider(
      {
        name,
        document: this.doc,
        awareness: this.awareness,
        websocketProvider: ctx.socket,
        token: () => ctx.tokens.get(),
        // A unique routing key per provider: a document released and opened again at once
        // must not race the server's teardown of the previous connection under the same key.
        sessionAwareness: true,
      },
      ctx.socket.authGate,
    )
    this.reauthBackoff = new Backoff(ctx.reconnect)
    this.provider.on('synced', this.onSynced)
    this.provider.on('authenticated', this.onAuthenticated)
    this.provider.on('authenticationFailed', this.onAuthenticationFailed)
    this.provider.on('close', this.onProviderClose)
    this.provider.on('disconnect', this.emitStatus)
    ctx.socket.observe(this.provider.effectiveName, this)

    this.local = ctx.dbName ? new LocalCopy(ctx.dbName, this.doc, this.onStorageError) : null
    this.currentStatus = this.computeStatus()
    const restored = this.local ? this.local.whenLoaded : Promise.resolve(0)
    restored.then(this.onLoaded, (error: unknown) => {
      this.onStorageError(error)
      this.onLoaded(0)
    })
  }

  get remoteOrigin(): unknown {
    return this.provider
  }

  get whenLoaded(): Promise<void> {
    return this.loaded.promise
  }

  get whenSynced(): Promise<void> {
    return this.synced.promise
  }

  get unsynced(): number {
    return this.tracker.unsynced
  }

  get readOnly(): boolean {
    return this.isReadOnly
  }

  get status(): DocStatus {
    return this.currentStatus
  }

  /** Open handles sharing this document (0 while it lingers to finish syncing). */
  get openCount(): number {
    return this.refs
  }

  onStatus(listener: (status: DocStatus) => void): () => void {
    return this.listeners.add(listener)
  }

  retain(): void {
    this.refs += 1
  }

  release(): void {
    // Releasing more often than opening is a no-op: the handle is shared, so a second
    // release by one owner cannot be told apart from a release by another.
    if (this.refs === 0 || this.closed) return
    this.refs -= 1
    if (this.refs === 0) this.ctx.released(this)
  }

  /** Detaches from the socket, flushes the device copy and frees the Y.Doc. */
  close(reason: TandemError): Promise<void> {
    this.closing ??= this.teardown(reason)
    return this.closing
  }

  // FrameObserver: called by the socket for this document's frames.

  beforeContentFrame(kind: 'step2' | 'update', open: boolean): boolean {
    const seq = this.updateSeq
    this.updateSeq = null
    // Unopened socket, or not (yet) authenticated: the server would drop or refuse the
    // frame. Read-only: it would refuse it. The next handshake's step 2 carries it anyway.
    if (!open || !this.provider.isAuthenticated || this.isReadOnly) return false
    this.tracker.sent(kind === 'step2' ? { kind, upTo: this.tracker.latest } : { kind, seq })
    return true
  }

  mayTalk(): boolean {
    return this.provider.authStarted
  }

  onAck(applied: boolean): void {
    const before = this.tracker.unsynced
    const result = this.tracker.acked(applied)
    if (result === 'refused') {
      this.isReadOnly = true
      this.error = new TandemError('read-only')
    }
    if (this.tracker.unsynced !== before) this.saveCount()
    this.emitStatus()
  }

  /**
   * Sends the client's refreshed token on the open connection. Tandem's server verifies it and
   * moves the socket's expiry (Hocuspocus' onTokenSync); a server without that hook ignores it.
   */
  sendFreshToken(): void {
    if (this.closed || !this.ctx.socket.isOpen || !this.provider.isAuthenticated) return
    void this.provider.sendToken()
  }

  onConnectionLost(): void {
    this.tracker.connectionLost()
    this.clearReauth()
  }

  // Event handlers (arrow functions: passed to on/off as they are).

  private readonly onDocUpdate = (_update: Uint8Array, origin: unknown): void => {
    const persistence = this.local?.persistence
    if (origin === this.provider || (persistence && origin === persistence)) {
      this.updateSeq = null
      return
    }
    this.updateSeq = this.tracker.recordLocalChange()
    this.saveCount()
    this.emitStatus()
  }

  private readonly onLoaded = (restored: number): void => {
    if (this.closed) return
    if (restored > 0) this.tracker.restore(restored)
    this.isLoaded = true
    this.loaded.resolve()
    this.saveCount()
    this.emitStatus()
    // Attach only now: a handshake before the local copy is applied would confirm the
    // restored changes without carrying them.
    this.provider.attach()
  }

  private readonly onSynced = (): void => {
    this.synced.resolve()
    this.emitStatus()
  }

  private readonly onAuthenticated = ({ scope }: onAuthenticatedParameters): void => {
    this.isReadOnly = scope === 'readonly'
    this.error = undefined
    this.reauthBackoff.reset()
    this.emitStatus()
  }

  private readonly onAuthenticationFailed = ({ reason }: { reason: string }): void => {
    this.refused(reasonToError(reason))
  }

  private readonly onProviderClose = ({ event }: onCloseParameters): void => {
    // The provider forwards socket closes too; those are the socket's business (it
    // reconnects and every provider authenticates again). A close while the socket stays
    // open is the server closing this one document.
    if (this.ctx.socket.status !== WebSocketStatus.Connected) return
    this.tracker.connectionLost()
    // A Tandem error code in the reason is a refusal; anything else (stock Hocuspocus
    // "Reset Connection" when it unloads a document) is a plain close: open it again.
    const error = closeEventToError(event.code, event.reason)
    if (error) this.refused(error)
    else this.scheduleReauth()
  }

  private readonly onStorageError = (error: unknown): void => {
    this.storageError = new TandemError(
      'storage-failed',
      `IndexedDB (${this.ctx.dbName}): ${String(error)}`,
      {
        cause: error,
      },
    )
    this.emitStatus()
  }

  private readonly emitStatus = (): void => {
    if (this.closed) return
    const next = this.computeStatus()
    const prev = this.currentStatus
    if (
      prev.loaded === next.loaded &&
      prev.synced === next.synced &&
      prev.unsynced === next.unsynced &&
      prev.readOnly === next.readOnly &&
      prev.error === next.error
    ) {
      return
    }
    this.currentStatus = next
    this.listeners.emit(next)
    this.ctx.changed(this)
  }

  private computeStatus(): DocStatus {
    const status: DocStatus = {
      loaded: this.isLoaded,
      synced: this.provider.isSynced,
      unsynced: this.tracker.unsynced,
      readOnly: this.isReadOnly,
    }
    const error = this.error ?? this.storageError
    return error ? { ...status, error } : status
  }

  /** The server refused or closed this document: report, and try again unless hopeless. */
  private refused(error: TandemError): void {
    this.error = error
    this.emitStatus()
    if (PERMANENT.has(error.code)) return
    const authError = error.code === 'unauthorized' || error.code === 'token-expired'
    if (authError) {
      if (!isRetryableAuthError(error, this.ctx.tokens.refreshable)) return
      this.ctx.tokens.invalidate()
    }
    this.scheduleReauth()
  }

  private scheduleReauth(): void {
    if (this.closed || this.reauthTimer !== null) return
    this.reauthTimer = setTimeout(() => {
      this.reauthTimer = null
      void this.reauthenticate()
    }, this.reauthBackoff.next())
  }

  /** Sends a (fresh) token and a sync step 1 for this document on the open socket. */
  private async reauthenticate(): Promise<void> {
    if (this.closed || !this.ctx.socket.isOpen || !this.provider.isAttached) return
    try {
      await this.ctx.tokens.get()
    } catch (error) {
      this.refused(
        error instanceof TandemError
          ? error
          : new TandemError('unauthorized', `token: ${String(error)}`),
      )
      return
    }
    if (this.closed || !this.ctx.socket.isOpen) return
    this.provider.authenticate()
  }

  private clearReauth(): void {
    if (this.reauthTimer !== null) clearTimeout(this.reauthTimer)
    this.reauthTimer = null
  }

  private saveCount(): void {
    if (this.local && this.isLoaded) this.local.saveUnsynced(this.tracker.unsynced)
  }

  private async teardown(reason: TandemError): Promise<void> {
    this.closed = true
    this.clearReauth()
    this.ctx.socket.unobserve(this.provider.effectiveName)
    this.loaded.reject(reason)
    this.synced.reject(reason)
    this.listeners.clear()
    this.doc.off('update', this.onDocUpdate)
    // Detaches from the socket (tells the server) and destroys the awareness.
    this.provider.destroy()
    try {
      if (this.local) {
        this.saveCount()
        await this.local.close()
      }
    } finally {
      this.doc.destroy()
    }
  }
}
