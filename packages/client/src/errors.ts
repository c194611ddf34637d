import { TandemError, closeEventToError, isErrorCode } from '@tandem/schema'

/** Prefix @hocuspocus/provider puts on the reason when the token function threw. */
const TOKEN_FETCH_FAILED = 'Failed to get token'

/**
 * Turns what the server (or the provider) said about a refused or closed document into a
 * TandemError. Tandem's server puts the error code in the reason; a stock Hocuspocus server
 * says "permission-denied" or a free text, which is reported as `forbidden` with that text.
 */
export function reasonToError(reason: string, closeCode = 4403): TandemError {
  if (isErrorCode(reason)) return new TandemError(reason)
  if (reason.startsWith(TOKEN_FETCH_FAILED)) return new TandemError('unauthorized', reason)
  const mapped = closeEventToError(closeCode, reason)
  if (mapped) return reason ? new TandemError(mapped.code, reason) : mapped
  return new TandemError('forbidden', reason || 'permission denied')
}

/**
 * Errors worth another authentication attempt with a freshly fetched token: an expired
 * token, or one that could not be fetched or was rejected (when a new one can be fetched).
 */
export function isRetryableAuthError(error: TandemError, refreshable: boolean): boolean {
  if (!refreshable) return false
  return error.code === 'token-expired' || error.code === 'unauthorized'
}
