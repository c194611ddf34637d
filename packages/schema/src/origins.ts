/**
 * Transaction origins, so undo managers and observers can tell who changed a document.
 * Strings (not symbols) so they survive bundling and several copies of this module.
 */
export const ORIGIN = {
  /** A change the local user made. */
  local: 'tandem:local',
  /** A change that arrived from the network. */
  remote: 'tandem:remote',
  /** A schema migration. */
  migration: 'tandem:migration',
  /** A change the server made (direct connection, maintenance). */
  server: 'tandem:server',
} as const

/** One of the {@link ORIGIN} values. */
export type Origin = (typeof ORIGIN)[keyof typeof ORIGIN]
