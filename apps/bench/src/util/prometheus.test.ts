import { describe, expect, test } from 'vitest'
import { histogramDelta, quantileUpperBound, readHistogram } from './prometheus.js'

const text = (counts: number[], sum: number): string =>
  [
    '# HELP x_seconds Duration',
    '# TYPE x_seconds histogram',
    `x_seconds_bucket{le="0.001"} ${counts[0]}`,
    `x_seconds_bucket{le="0.01"} ${counts[1]}`,
    `x_seconds_bucket{le="+Inf"} ${counts[2]}`,
    `x_seconds_sum ${sum}`,
    `x_seconds_count ${counts[2]}`,
  ].join('\n')

describe('prometheus histograms', () => {
  test('reads buckets, sum and count, and differences two readings', () => {
    const before = readHistogram(text([1, 2, 2], 0.005), 'x_seconds')
    const after = readHistogram(text([40, 99, 100], 0.3), 'x_seconds')
    if (!before || !after) throw new Error('histogram not read')
    const delta = histogramDelta(before, after)
    expect(delta.count).toBe(98)
    expect(delta.sum).toBeCloseTo(0.295)
    expect(quantileUpperBound(delta, 0.5)).toBe(0.01)
    expect(quantileUpperBound(delta, 0.99)).toBe(Infinity)
  })

  test('reads series that carry labels besides le (the instance label)', () => {
    const labelled = [
      'x_seconds_bucket{le="0.001",instance="a:1"} 3',
      'x_seconds_bucket{le="+Inf",instance="a:1"} 4',
      'x_seconds_sum{instance="a:1"} 0.5',
      'x_seconds_count{instance="a:1"} 4',
    ].join('\n')
    expect(readHistogram(labelled, 'x_seconds')).toEqual({
      buckets: [
        { le: 0.001, count: 3 },
        { le: Infinity, count: 4 },
      ],
      sum: 0.5,
      count: 4,
    })
  })

  test('an absent or garbled histogram reads as null', () => {
    expect(readHistogram('', 'x_seconds')).toBeNull()
    expect(readHistogram('x_seconds_count nope', 'x_seconds')).toBeNull()
  })
})
