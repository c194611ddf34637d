import {
  WebSocketStatus,
  type onDisconnectParameters,
  type onStatusParameters,
} from '@hocuspocus/provider'
import { TandemError, closeEventToError, parseDocName } from '@tandem/schema'
import { guardWebSocket } from './guarded-websocket.js'
import type { DocContext, DocHandle } from './doc-handle.js'
import { OpenDocument } from './open-document.js'
import { Listeners } from './listeners.js'
import { PendingDocuments } from './pending-documents.js'
import { resolveOptions, type ClientOptions, type ResolvedOptions } from './options.js'
import { TandemSocket } from './socket.js'
import { TokenSource } from './token.js'

/** Whether the client's socket is up. */
export type ConnectionState = 'connecting' | 'online' | 'offline'

/** What a status bar shows: online or not, and how much is saved on this device only. */
export interface ClientStatus {
  /**
   * `connecting` until the first attempt succeeds or fails, `online` while the socket is
   * open, `offline` otherwise (retries continue in the background unless disconnected).
   */
  readonly connection: ConnectionState
  /** Local changes not yet acknowledged by the server, summed over open documents. */
  readonly unsynced: number
  /** The latest error: a close code of the socket, or a document's refusal. */
  readonly error?: TandemError
}

/** A sync client: one WebSocket for every document it opens. */
export interface TandemClient {
  /**
   * Opens a document by name (`<kind>:<id>`). Opening a name that is open returns the same
   * handle; each open() needs one `release()`. Throws TandemError `invalid-document-name`
   * or `client-destroyed`.
   */
  open(name: string): DocHandle
  readonly status: ClientStatus
  onStatus(listener: (status: ClientStatus) => void): () => void
  /** Connect (after `disconnect()` or with `autoConnect: false`). */
  connect(): void
  /** Close the socket and stop reconnecting; documents stay open and editable. */
  disconnect(): void
  /** Closes every document and the socket; leaves no timers. Idempotent. */
  destroy(): Promise<void>
}

/** Creates a sync client. Throws TandemError `bad-request` for invalid options. */
export function createClient(options: ClientOptions): TandemClient {
  return new Client(resolveOptions(options))
}

class Client implements TandemClient {
  private readonly socket: TandemSocket
  private readonly tokens: TokenSource
  private readonly docs = new Map<string, OpenDocument>()
  private readonly closing = new Set<Promise<void>>()
  private readonly listeners = new Listeners<ClientStatus>()
  private readonly ctx: Omit<DocContext<OpenDocument>, 'dbName'>
  private connection: ConnectionState
  private readonly pending: PendingDocuments | null
  private socketError: TandemError | undefined
  private storageError: TandemError | undefined
  private refreshError: TandemError | undefined
  private current: ClientStatus
  /** The application wants a connection (connect() vs disconnect()). */
  private wanted: boolean
  /** The browser says the network is up (online/offline events). */
  private networkUp: boolean
  private destroying: Promise<void> | null = null

  constructor(private readonly options: ResolvedOptions) {
    this.tokens = new TokenSource(options.token, {
      refreshed: () => {
        this.refreshError = undefined
        for (const doc of this.docs.values()) doc.sendFreshToken()
        this.emitStatus()
      },
      failed: (error) => {
        // The session goes on with the old token until the server closes at its expiry; the
        // reconnect then asks for a token again.
        this.refreshError = error
        this.emitStatus()
      },
    })
    this.socket = new TandemSocket({
      url: options.url,
      WebSocketPolyfill: guardWebSocket(options.WebSocketPolyfill),
      reconnect: options.reconnect,
    })
    this.socket.on('status', this.onSocketStatus)
    this.socket.on('disconnect', this.onSocketDisconnect)
    this.socket.on('connect', this.onSocketConnect)
    this.ctx = {
      socket: this.socket,
      tokens: this.tokens,
      reconnect: options.reconnect,
      changed: (doc) => {
        if (doc.status.loaded) this.pending?.record(doc.name, doc.unsynced)
        this.emitStatus()
      },
      released: (doc) => this.onReleased(doc),
    }

    const nav = (globalThis as { navigator?: { onLine?: unknown } }).navigator
    this.networkUp = !(options.network && nav?.onLine === false)
    options.network?.addEventListener('online', this.onOnline)
    options.network?.addEventListener('offline', this.onOffline)

    this.wanted = options.autoConnect
    this.connection = this.wanted && this.networkUp ? 'connecting' : 'offline'
    this.current = { connection: this.connection, unsynced: 0 }
    if (this.wanted && this.networkUp) void this.socket.connect()

    this.pending = options.persistence
      ? new PendingDocuments(`${options.storagePrefix}#pending`, this.onStorageError)
      : null
    this.pending?.list().then((names) => this.resumePending(names), this.onStorageError)
  }

  get status(): ClientStatus {
    return this.current
  }

  onStatus(listener: (status: ClientStatus) => void): () => void {
    return this.listeners.add(listener)
  }

  open(name: string): DocHandle {
    this.assertAlive('open')
    if (!parseDocName(name)) {
      throw new TandemError(
        'invalid-document-name',
        `open(): not a valid document name: ${JSON.stringify(name)} (expected <kind>:<id>)`,
      )
    }
    const existing = this.docs.get(name)
    if (existing) {
      existing.retain()
      return existing
    }
    const dbName = this.options.persistence ? this.options.storagePrefix + name : null
    const doc = new OpenDocument(name, { ...this.ctx, dbName })
    this.docs.set(name, doc)
    this.emitStatus()
    return doc
  }

  connect(): void {
    this.assertAlive('connect')
    this.wanted = true
    if (this.networkUp) this.connectNow()
  }

  disconnect(): void {
    this.assertAlive('disconnect')
    this.wanted = false
    this.socket.disconnect()
    this.setConnection('offline')
  }

  destroy(): Promise<void> {
    this.destroying ??= this.teardown()
    return this.destroying
  }

  private async teardown(): Promise<void> {
    this.options.network?.removeEventListener('online', this.onOnline)
    this.options.network?.removeEventListener('offline', this.onOffline)
    this.tokens.dispose()
    const reason = new TandemError('client-destroyed')
    for (const doc of this.docs.values()) this.track(doc.close(reason))
    this.docs.clear()
    this.socket.destroy()
    this.setConnection('offline')
    this.listeners.clear()
    await Promise.all([...this.closing])
    await this.pending?.close()
  }

  /**
   * Opens, in the background, documents an earlier session left with unacknowledged
   * changes: they sync, then close themselves (see closeIfIdle).
   */
  private resumePending(names: string[]): void {
    for (const name of names) {
      if (this.destroying) return
      if (!parseDocName(name) || this.docs.has(name)) continue
      this.open(name).release()
    }
  }

  private assertAlive(method: string): void {
    if (this.destroying) {
      throw new TandemError('client-destroyed', `${method}(): the client was destroyed`)
    }
  }

  private onReleased(doc: OpenDocument): void {
    // Wait a microtask: React's StrictMode (and many UIs) release and reopen a document in
    // one go, which should keep the Y.Doc instead of reloading it.
    queueMicrotask(() => this.closeIfIdle(doc))
  }

  /**
   * A released document with changes the server has not acknowledged stays open (and keeps
   * syncing) until it has none, so they reach the server without the user reopening it.
   */
  private closeIfIdle(doc: OpenDocument): void {
    if (this.destroying || doc.openCount > 0 || doc.unsynced > 0 || !doc.status.loaded) return
    if (this.docs.get(doc.name) !== doc) return
    this.docs.delete(doc.name)
    this.track(doc.close(new TandemError('client-destroyed', `${doc.name} was released`)))
    this.emitStatus()
  }

  private track(closing: Promise<void>): void {
    this.closing.add(closing)
    closing.then(
      () => this.closing.delete(closing),
      (error: unknown) => {
        this.closing.delete(closing)
        this.onStorageError(error)
      },
    )
  }

  private readonly onStorageError = (error: unknown): void => {
    this.storageError = new TandemError('storage-failed', `IndexedDB: ${String(error)}`, {
      cause: error,
    })
    this.emitStatus()
  }

  private readonly onSocketStatus = ({ status }: onStatusParameters): void => {
    if (status === WebSocketStatus.Connected) this.setConnection('online')
    else if (status === WebSocketStatus.Disconnected) this.setConnection('offline')
    // Connecting: a retry in the background keeps showing `offline` (see ClientStatus).
  }

  private readonly onSocketConnect = (): void => {
    this.socketError = undefined
    this.refreshError = undefined
    this.emitStatus()
  }

  private readonly onSocketDisconnect = ({ event }: onDisconnectParameters): void => {
    // A function token is fetched again for the next connection: it may be what expired.
    this.tokens.invalidate()
    const code = typeof event?.code === 'number' ? event.code : 1006
    const reason = typeof event?.reason === 'string' ? event.reason : ''
    const error = closeEventToError(code, reason)
    if (error) this.socketError = error
    this.setConnection('offline')
  }

  private readonly onOnline = (): void => {
    this.networkUp = true
    if (this.wanted && !this.destroying) this.connectNow()
  }

  private readonly onOffline = (): void => {
    this.networkUp = false
    // Browsers (and Playwright's setOffline) may leave the socket open: close it ourselves.
    this.socket.disconnect()
    this.setConnection('offline')
  }

  /** Connects now (skipping a pending backoff), unless the socket is up already. */
  private connectNow(): void {
    if (this.socket.status === WebSocketStatus.Connected) {
      this.setConnection('online')
      return
    }
    this.setConnection('connecting')
    void this.socket.connect()
  }

  private setConnection(next: ConnectionState): void {
    this.connection = next
    this.emitStatus()
  }

  private emitStatus(): void {
    let unsynced = 0
    let docError: TandemError | undefined
    for (const doc of this.docs.values()) {
      unsynced += doc.unsynced
      docError ??= doc.status.error
      if (doc.openCount === 0 && doc.unsynced === 0 && doc.status.loaded)
        queueMicrotask(() => this.closeIfIdle(doc))
    }
    const error = this.socketError ?? docError ?? this.refreshError ?? this.storageError
    const prev = this.current
    if (prev.connection === this.connection && prev.unsynced === unsynced && prev.error === error) {
      return
    }
    const next: ClientStatus = { connection: this.connection, unsynced }
    this.current = error ? { ...next, error } : next
    this.listeners.emit(this.current)
  }
}
