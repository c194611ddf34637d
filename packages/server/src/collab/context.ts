import type { Role } from '@tandem/schema'
import type { CollabSocket } from './collab-socket.js'

/** The signed-in user, as the token names them. */
export interface SessionUser {
  id: string
  name: string
  color: string
}

/** Hocuspocus connection context for Tandem connections. */
export interface CollabContext {
  /** The socket the connection arrived on (set for every WebSocket connection). */
  socket?: CollabSocket
  /** Set by authentication. */
  user?: SessionUser
  role?: Role
  /** Token expiry, seconds since the epoch. */
  tokenExp?: number
  /**
   * Set by server-side writers (REST, restore) on a direct connection: called with the append of
   * each change they make, so they can answer only once it is stored.
   */
  onStored?: (stored: Promise<boolean>) => void
}
