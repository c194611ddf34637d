import { describe, expect, it } from 'vitest'
import { TokenSource } from './token.js'

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
})
