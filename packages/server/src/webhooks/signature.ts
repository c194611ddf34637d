import { createHmac, timingSafeEqual } from 'node:crypto'

/** Header carrying `sha256=<hex>`: HMAC-SHA256 of `<timestamp>.<body>` with the webhook secret. */
export const SIGNATURE_HEADER = 'x-tandem-signature'
/** Header carrying the signing time (seconds since the epoch), part of what is signed. */
export const TIMESTAMP_HEADER = 'x-tandem-timestamp'

/** The signature header value for `body` sent at `timestamp`. */
export function signPayload(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`
}

/**
 * Checks a received webhook (for receivers and tests): the signature matches and the timestamp
 * is within `toleranceSeconds` of now (replay protection).
 */
export function verifySignature(
  secret: string,
  body: string,
  headers: { signature: string | undefined; timestamp: string | undefined },
  toleranceSeconds = 300,
  now = Date.now(),
): boolean {
  const timestamp = Number(headers.timestamp)
  if (!Number.isInteger(timestamp) || Math.abs(now / 1000 - timestamp) > toleranceSeconds)
    return false
  const expected = Buffer.from(signPayload(secret, timestamp, body))
  const given = Buffer.from(headers.signature ?? '')
  return given.length === expected.length && timingSafeEqual(given, expected)
}
