import type { CollabContext, SessionUser } from './context.js'

/**
 * Hocuspocus tags the transactions it makes with an origin object whose `source` says where the
 * change came from: `connection` (a client of this instance), `redis` (another instance, over
 * the Redis extension) or `local` (a direct connection on the server).
 */
export function isOrigin(origin: unknown, source: 'connection' | 'redis' | 'local'): boolean {
  return (
    typeof origin === 'object' &&
    origin !== null &&
    (origin as { source?: unknown }).source === source
  )
}

/** The signed-in user whose connection made a change with this origin, else null. */
export function connectionUser(origin: unknown): SessionUser | null {
  if (!isOrigin(origin, 'connection')) return null
  const { connection } = origin as { connection?: { context?: unknown } }
  return (connection?.context as CollabContext | undefined)?.user ?? null
}
