import { describe, expect, test } from 'vitest'
import { spread, summarize, withMissing } from './stats.js'

describe('stats', () => {
  test('lost deliveries count as Infinity, so losing edits never reads as fast', () => {
    const samples = withMissing([1, 2, 3], 2)
    expect(summarize(samples)).toEqual({ count: 5, p50: 3, p99: Infinity, max: Infinity })
    expect(
      summarize(
        withMissing(
          Array.from({ length: 1000 }, (_, i) => i),
          1,
        ),
      ).p99,
    ).toBe(990)
  })

  test('spread keeps Infinity and drops NaN runs', () => {
    expect(spread([3, Number.NaN, 1, Infinity])).toEqual({
      median: 3,
      min: 1,
      max: Infinity,
      runs: 3,
    })
    expect(spread([Number.NaN]).runs).toBe(0)
  })
})
