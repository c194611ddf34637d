import { describe, expect, it } from 'vitest'
import { Backoff } from './backoff.js'

describe('Backoff', () => {
  it('draws each delay from [0, ceiling], doubling the ceiling up to the maximum', () => {
    const top = new Backoff({ minDelayMs: 100, maxDelayMs: 1000 }, () => 0.999999)
    expect([1, 2, 3, 4, 5, 6].map(() => top.next())).toEqual([100, 200, 400, 800, 1000, 1000])
    const bottom = new Backoff({ minDelayMs: 100, maxDelayMs: 1000 }, () => 0)
    expect(bottom.next()).toBe(0)
  })

  it('starts over after reset()', () => {
    const b = new Backoff({ minDelayMs: 10, maxDelayMs: 1000 }, () => 0.999999)
    b.next()
    b.next()
    b.reset()
    expect(b.next()).toBe(10)
  })

  it('spreads delays (full jitter) and never exceeds the maximum', () => {
    const b = new Backoff({ minDelayMs: 1000, maxDelayMs: 30_000 })
    const delays = Array.from({ length: 200 }, () => b.next())
    expect(Math.max(...delays)).toBeLessThanOrEqual(30_000)
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(0)
    expect(new Set(delays).size).toBeGreaterThan(100)
  })
})
