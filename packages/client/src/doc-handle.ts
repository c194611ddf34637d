import type { TandemError } from '@tandem/schema'
import type { Awareness } from 'y-protocols/awareness'
import type * as Y from 'yjs'
import type { BackoffOptions } from './backoff.js'
import type { TandemSocket } from './socket.js'
import type { TokenSource } from './token.js'

/** The sync state of one open document. */
export interface DocStatus {
  /** The device's copy (IndexedDB) is applied, or there is none. */
  readonly loaded: boolean
  /** The current connection finished its sync handshake for this document. */
  readonly synced: boolean
  /** Local changes the server has not acknowledged yet (kept on this device meanwhile). */
  readonly unsynced: number
  /** The server lets this connection read but not write (role, or a refused write). */
  readonly readOnly: boolean
  /** Why the server refused or closed this document, until it is accepted again. */
  readonly error?: TandemError
}

/** One open document: its Y.Doc, presence and sync state. */
export interface DocHandle {
  /** The document name, `<kind>:<id>`. */
  readonly name: string
  readonly doc: Y.Doc
  /** Presence (y-protocols awareness) on this document. */
  readonly awareness: Awareness
  /**
   * Transaction origin of changes that came from the server (the document's provider), for
   * observers and undo managers that must tell remote changes from local ones.
   */
  readonly remoteOrigin: unknown
  /** Resolves once the device's copy is applied (at once without persistence). */
  readonly whenLoaded: Promise<void>
  /** Resolves after the first full sync with the server. */
  readonly whenSynced: Promise<void>
  readonly unsynced: number
  readonly readOnly: boolean
  readonly status: DocStatus
  onStatus(listener: (status: DocStatus) => void): () => void
  /** Gives back one `open()`; the document closes when every open was released. */
  release(): void
}

/** What a document needs from its client. */
export interface DocContext<H = DocHandle> {
  readonly socket: TandemSocket
  readonly tokens: TokenSource
  /** IndexedDB database name, or null without persistence. */
  readonly dbName: string | null
  readonly reconnect: Required<BackoffOptions>
  /** The status changed (the client sums `unsynced` and picks an error). */
  changed(handle: H): void
  /** The last open() was released. */
  released(handle: H): void
}
