import { createHmac } from 'node:crypto'

/** Claims Tandem reads from a token (see ARCHITECTURE.md, "Roles"). */
export interface BenchClaims {
  sub: string
  name: string
  roles?: Record<string, string>
  exp?: number
}

const base64url = (data: string | Buffer): string => Buffer.from(data).toString('base64url')

/** Signs an HS256 JWT; the bench needs nothing more than this, so no JOSE library. */
export function signHs256(claims: BenchClaims, secret: string): string {
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))
  const payload = base64url(JSON.stringify(claims))
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest()
  return `${header}.${payload}.${base64url(signature)}`
}
