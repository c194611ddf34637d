import { SignJWT } from 'jose'
import { rolesOf, type HostUser } from './directory.js'

/**
 * Signs the token the embedded editor sends to Tandem: HS256 with the secret the Tandem server
 * was started with (TANDEM_JWT_SECRET). Claims per Tandem's contract: `sub`, `name`, `color`,
 * `exp`, and `roles` from document name (`doc:<id>`) to role. Keep it short-lived; the editor
 * asks for a new one before it expires.
 */
export function signTandemToken(
  user: HostUser,
  secret: Uint8Array,
  ttlSeconds: number,
): Promise<string> {
  const roles = Object.fromEntries(
    Object.entries(rolesOf(user.id)).map(([id, role]) => [`doc:${id}`, role]),
  )
  return new SignJWT({ name: user.name, color: user.color, roles })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(user.id)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(secret)
}
