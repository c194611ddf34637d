import { webcrypto } from 'node:crypto'
import { createRemoteJWKSet, errors, jwtVerify, SignJWT, type JWTPayload } from 'jose'
import { colorForUser, isColor, isRole, TandemError, type Role } from '@tandem/schema'

/** The identity and rights a verified token carries. */
export interface TokenClaims {
  /** User id (`sub`). */
  sub: string
  /** Display name; the user id when the token has none. */
  name: string
  /** Caret/avatar colour; derived from the user id when absent. */
  color: string
  /** Expiry in seconds since the epoch, when the token has one. */
  exp: number | undefined
  /** Roles per document name or `<kind>:*` pattern; unknown role strings are dropped. */
  roles: Record<string, Role> | undefined
}

/** Where token keys come from: an HS256 secret or a JWKS URL. */
export type TokenKeys = { secret: Uint8Array } | { jwksUrl: string }

// Verified tokens remembered; cleared wholesale when full (cheap, and a miss only costs a verify).
const VERIFIED_CACHE_SIZE = 10_000

const ALGORITHMS_FOR_JWKS = ['RS256', 'PS256', 'ES256', 'EdDSA']

/** Verifies (and, with a secret, signs) Tandem JWTs. */
export class TokenAuthority {
  private readonly verifyKey: Promise<webcrypto.CryptoKey> | ReturnType<typeof createRemoteJWKSet>
  private readonly secret: Uint8Array | undefined
  private readonly algorithms: string[]
  private readonly verified = new Map<string, TokenClaims>()

  constructor(keys: TokenKeys) {
    if ('secret' in keys) {
      this.secret = keys.secret
      // Imported once: jose re-imports a raw Uint8Array secret on every verify, which measured
      // 353 us per token against 67 us with a CryptoKey (2 ms under load in a connect storm).
      this.verifyKey = webcrypto.subtle.importKey(
        'raw',
        keys.secret,
        { name: 'HMAC', hash: 'SHA-256' },
        false,
        ['verify'],
      )
      this.algorithms = ['HS256']
    } else {
      this.verifyKey = createRemoteJWKSet(new URL(keys.jwksUrl))
      this.algorithms = ALGORITHMS_FOR_JWKS
    }
  }

  /** Checks signature and expiry; throws TandemError `unauthorized` or `token-expired`. */
  async verify(token: unknown): Promise<TokenClaims> {
    if (typeof token !== 'string' || token === '') {
      throw new TandemError('unauthorized', 'no token given')
    }
    // A client sends the same token for every document it opens (the web app opens five or
    // more at once), so remember verified tokens: same string, same signature, same claims.
    const cached = this.verified.get(token)
    if (cached && (cached.exp === undefined || cached.exp * 1000 > Date.now())) return cached
    const claims = await this.verifyUncached(token)
    if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified.clear()
    this.verified.set(token, claims)
    return claims
  }

  private async verifyUncached(token: string): Promise<TokenClaims> {
    let payload: JWTPayload
    try {
      const key = await this.verifyKey
      ;({ payload } =
        typeof key === 'function'
          ? await jwtVerify(token, key, { algorithms: this.algorithms })
          : await jwtVerify(token, key as Parameters<typeof jwtVerify>[1] & object, {
              algorithms: this.algorithms,
            }))
    } catch (error) {
      if (error instanceof errors.JWTExpired)
        throw new TandemError('token-expired', undefined, { cause: error })
      throw new TandemError('unauthorized', 'invalid token', { cause: error })
    }
    return claimsFrom(payload)
  }

  /** Signs a token (HS256 only). */
  async sign(
    claims: { sub: string; name: string; color?: string; roles?: Record<string, Role> },
    ttlSeconds: number,
  ): Promise<string> {
    if (!this.secret) throw new Error('cannot sign tokens without a shared secret')
    return new SignJWT({ name: claims.name, color: claims.color, roles: claims.roles })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.sub)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
      .sign(this.secret)
  }
}

function claimsFrom(payload: JWTPayload): TokenClaims {
  const { sub, name, color, exp, roles } = payload as JWTPayload & Record<string, unknown>
  if (typeof sub !== 'string' || sub === '')
    throw new TandemError('unauthorized', 'token has no sub claim')
  if (name !== undefined && typeof name !== 'string')
    throw new TandemError('unauthorized', 'token name claim is not a string')
  let parsedRoles: Record<string, Role> | undefined
  if (roles !== undefined) {
    if (typeof roles !== 'object' || roles === null || Array.isArray(roles)) {
      throw new TandemError('unauthorized', 'token roles claim is not an object')
    }
    parsedRoles = {}
    for (const [key, value] of Object.entries(roles)) if (isRole(value)) parsedRoles[key] = value
  }
  return {
    sub,
    name: name || sub,
    color: isColor(color) ? color : colorForUser(sub),
    exp: typeof exp === 'number' ? exp : undefined,
    roles: parsedRoles,
  }
}
