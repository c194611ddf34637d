import { SignJWT } from 'jose'
import { describe, expect, it } from 'vitest'
import { TokenAuthority } from './tokens.js'

const secret = new TextEncoder().encode('unit-secret-0123456789abcdef')
const authority = new TokenAuthority({ secret })
const sign = (claims: Record<string, unknown>, sub = 'u1', exp = '1h') => {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(exp)
  return (sub ? jwt.setSubject(sub) : jwt).sign(secret)
}

describe('TokenAuthority', () => {
  it('round-trips its own guest tokens', async () => {
    const token = await authority.sign({ sub: 'g1', name: 'Guest', color: '#123456' }, 60)
    expect(await authority.verify(token)).toMatchObject({
      sub: 'g1',
      name: 'Guest',
      color: '#123456',
    })
  })

  it('reads roles, keeps valid ones and derives a colour', async () => {
    const claims = await authority.verify(
      await sign({ name: 'A', roles: { 'doc:*': 'editor', 'doc:x': 'god' } }),
    )
    expect(claims.roles).toEqual({ 'doc:*': 'editor' })
    expect(claims.color).toMatch(/^#/)
  })

  it.each([
    ['no token', undefined, 'unauthorized'],
    ['empty token', '', 'unauthorized'],
    ['not a JWT', 'abc.def', 'unauthorized'],
  ])('refuses %s', async (_what, token, code) => {
    await expect(authority.verify(token)).rejects.toMatchObject({ code })
  })

  it('refuses expired tokens, missing sub, wrong claim types and wrong algorithms', async () => {
    await expect(authority.verify(await sign({}, 'u', '-1m'))).rejects.toMatchObject({
      code: 'token-expired',
    })
    await expect(authority.verify(await sign({}, ''))).rejects.toMatchObject({
      code: 'unauthorized',
    })
    await expect(authority.verify(await sign({ name: 5 }))).rejects.toMatchObject({
      code: 'unauthorized',
    })
    await expect(authority.verify(await sign({ roles: ['editor'] }))).rejects.toMatchObject({
      code: 'unauthorized',
    })
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"x"}').toString('base64url')}.`
    await expect(authority.verify(none)).rejects.toMatchObject({ code: 'unauthorized' })
  })

  it('remembers verified tokens but never past their expiry', async () => {
    // Two seconds of margin: on a loaded machine the first verify may take most of one.
    const exp = Math.floor(Date.now() / 1000) + 3
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('c')
      .setExpirationTime(exp)
      .sign(secret)
    const first = await authority.verify(token)
    expect(await authority.verify(token)).toBe(first)
    while (Date.now() <= exp * 1000) await new Promise((r) => setTimeout(r, 50))
    await expect(authority.verify(token)).rejects.toMatchObject({ code: 'token-expired' })
  })
})
