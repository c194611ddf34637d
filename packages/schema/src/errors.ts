/**
 * Stable error codes shared by server and client. A code never changes meaning; add new ones at
 * the end. Each has a WebSocket close code (4000-4999, the application range) so a client can
 * tell why the server closed its connection without parsing prose.
 */
export const ERROR_CODES = {
  unauthorized: { close: 4401, message: 'missing or invalid token' },
  'token-expired': { close: 4402, message: 'token expired' },
  forbidden: { close: 4403, message: 'no access to this document' },
  'invalid-document-name': { close: 4404, message: 'unknown or invalid document name' },
  'read-only': { close: 4405, message: 'this connection may not write to the document' },
  'malformed-message': { close: 4400, message: 'malformed message' },
  'frame-too-large': { close: 4413, message: 'frame too large' },
  'document-too-large': { close: 4414, message: 'document too large' },
  'rate-limited': { close: 4429, message: 'too many messages' },
  'storage-failed': { close: 4500, message: 'the server could not store an update' },
  'server-shutting-down': { close: 4503, message: 'server shutting down' },
  'bad-request': { close: 4400, message: 'bad request' },
  'not-found': { close: 4404, message: 'not found' },
  'client-destroyed': { close: 4000, message: 'the client was destroyed' },
} as const satisfies Record<string, { close: number; message: string }>

/** A stable, machine-readable error code. */
export type ErrorCode = keyof typeof ERROR_CODES

/** Every error code, for exhaustive checks and docs. */
export const ERROR_CODE_LIST = Object.keys(ERROR_CODES) as ErrorCode[]

/** True when `code` is a known {@link ErrorCode}. */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERROR_CODES, code)
}

/** An expected failure with a stable code; `message` is for people, `code` for programs. */
export class TandemError extends Error {
  override readonly name = 'TandemError'
  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_CODES[code].message,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }

  /** The WebSocket close event that carries this error: reason is the code itself. */
  toCloseEvent(): { code: number; reason: string } {
    return { code: ERROR_CODES[this.code].close, reason: this.code }
  }

  /** JSON body for HTTP error responses. */
  toJSON(): { error: { code: ErrorCode; message: string } } {
    return { error: { code: this.code, message: this.message } }
  }
}

/** The close event (code + reason) the server sends for `code`. */
export function closeEventFor(code: ErrorCode): { code: number; reason: string } {
  return { code: ERROR_CODES[code].close, reason: code }
}

/**
 * Turns a close event received by a client back into a TandemError. The reason carries the
 * code (several codes may share a close number); a bare close number is mapped when unique.
 * Returns null for ordinary closes (1000-3999) that are not Tandem errors.
 */
export function closeEventToError(code: number, reason: string): TandemError | null {
  if (isErrorCode(reason)) return new TandemError(reason)
  if (code < 4000 || code > 4999) return null
  const matches = ERROR_CODE_LIST.filter((c) => ERROR_CODES[c].close === code)
  return matches.length === 1 && matches[0] ? new TandemError(matches[0]) : null
}
