import { describe, expect, it } from 'vitest'
import { TokenSource, refreshDelay } from './token.js'

function jwt(payload: object): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}.sig`
}

describe('TokenSource', () => {
  it('calls a token function once until invalidated', async () => {
    let calls = 0
    const tokens = new TokenSource(async () => `t${++calls}`)
    expect(tokens.refreshable).toBe(true)
    expect(await Promise.all([tokens.get(), tokens.get()])).toEqual(['t1', 't1'])
    tokens.invalidate()
    expect(await tokens.get()).toBe('t2')
  })

  it('does not cache a failure', async () => {
    let fail = true
    const tokens = new TokenSource(() => {
      if (fail) {
        fail = false
        throw new Error('down')
      }
      return 'ok'
    })
    await expect(tokens.get()).rejects.toThrow('down')
    expect(await tokens.get()).toBe('ok')
  })

  it('rejects tokens that are not non-empty strings with a TandemError', async () => {
    await expect(new TokenSource(() => '').get()).rejects.toMatchObject({ code: 'unauthorized' })
    await expect(new TokenSource((() => 7) as unknown as () => string).get()).rejects.toMatchObject(
      {
        code: 'unauthorized',
      },
    )
  })

  it('hands a static token out as it is', async () => {
    const tokens = new TokenSource('static')
    expect(tokens.refreshable).toBe(false)
    expect(await tokens.get()).toBe('static')
  })

  it('fetches a fresh token before a JWT expires and hands it to the listener', async () => {
    let calls = 0
    const refreshed: string[] = []
    const now = Math.floor(Date.now() / 1000)
    const tokens = new TokenSource(
      // Three seconds left: refreshed after at most 1.6 s.
      () => jwt({ sub: 'u', iat: now, exp: now + 3, n: ++calls }),
      { refreshed: (t) => refreshed.push(t), failed: (e) => refreshed.push(e.code) },
    )
    const first = await tokens.get()
    const deadline = Date.now() + 5000
    while (refreshed.length === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20))
    tokens.dispose()
    expect(refreshed).toHaveLength(1)
    expect(refreshed[0]).not.toBe(first)
    expect(await tokens.get()).not.toBe(first)
  })

  it('reports a failed refresh as a TandemError', async () => {
    const now = Math.floor(Date.now() / 1000)
    let calls = 0
    const failures: string[] = []
    const tokens = new TokenSource(
      () => {
        if (++calls > 1) throw new Error('auth backend down')
        return jwt({ sub: 'u', iat: now, exp: now + 2 })
      },
      { refreshed: () => failures.push('refreshed'), failed: (e) => failures.push(e.code) },
    )
    await tokens.get()
    const deadline = Date.now() + 5000
    while (failures.length === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20))
    tokens.dispose()
    expect(failures).toEqual(['unauthorized'])
  })
})

describe('refreshDelay', () => {
  const now = 1_000_000_000_000
  const s = now / 1000
  it('refreshes with a fifth of the lifetime left, at most a minute before expiry', () => {
    expect(refreshDelay(jwt({ iat: s, exp: s + 11 }), now)).toBe(8000)
    expect(refreshDelay(jwt({ iat: s, exp: s + 3601 }), now)).toBe(3_540_000)
  })
  it('does not trust a client clock that runs behind or ahead', () => {
    // Clock an hour behind: the token's own lifetime bounds the wait.
    expect(refreshDelay(jwt({ iat: s + 3600, exp: s + 3611 }), now)).toBe(8000)
    // Clock far ahead (the token looks expired): the lifetime again.
    expect(refreshDelay(jwt({ iat: s - 7200, exp: s - 7189 }), now)).toBe(8000)
  })
  it('waits at least half a second, and ignores tokens that are not JWTs with exp', () => {
    expect(refreshDelay(jwt({ exp: s }), now)).toBe(500)
    expect(refreshDelay(jwt({ sub: 'u' }), now)).toBeNull()
    expect(refreshDelay('opaque-token', now)).toBeNull()
    expect(refreshDelay('a.!!!.c', now)).toBeNull()
  })
})
