import type { ServerResponse } from 'node:http'
import { TandemError, type ErrorCode } from '@tandem/schema'

/** Sends `body` as JSON with `status`. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  })
  res.end(text)
}

/** An HTTP failure with a status and a stable error code. */
export class HttpError extends TandemError {
  constructor(
    readonly status: number,
    code: ErrorCode,
    message?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(code, message)
  }
}

/** Sends `{ error: { code, message } }` for an HttpError. */
export function sendError(res: ServerResponse, error: HttpError): void {
  sendJson(res, error.status, error.toJSON(), error.headers)
}
