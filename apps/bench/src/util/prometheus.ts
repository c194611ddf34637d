/** A histogram read from Prometheus text: cumulative bucket counts by upper bound, sum, count. */
export interface Histogram {
  buckets: { le: number; count: number }[]
  sum: number
  count: number
}

/** Extracts one (label-free) histogram from Prometheus exposition text; null when absent. */
export function readHistogram(text: string, name: string): Histogram | null {
  const buckets: { le: number; count: number }[] = []
  let sum = Number.NaN
  let count = Number.NaN
  for (const line of text.split('\n')) {
    // Series may carry labels besides `le` (Tandem adds `instance`), in any order.
    if (line.startsWith(`${name}_bucket{`)) {
      const match = /le="([^"]+)"[^}]*\}\s+(\S+)/.exec(line)
      if (match)
        buckets.push({
          le: match[1] === '+Inf' ? Infinity : Number(match[1]),
          count: Number(match[2]),
        })
    } else if (line.startsWith(`${name}_sum`)) sum = sampleValue(line, `${name}_sum`) ?? sum
    else if (line.startsWith(`${name}_count`)) count = sampleValue(line, `${name}_count`) ?? count
  }
  if (!Number.isFinite(count)) return null
  return { buckets: buckets.sort((a, b) => a.le - b.le), sum, count }
}

/** What happened between two readings of a histogram. */
export function histogramDelta(before: Histogram, after: Histogram): Histogram {
  return {
    buckets: after.buckets.map((b, i) => ({
      le: b.le,
      count: b.count - (before.buckets[i]?.count ?? 0),
    })),
    sum: after.sum - before.sum,
    count: after.count - before.count,
  }
}

/** Upper bound of the bucket holding quantile `q` (0..1): what a histogram can say of a p99. */
export function quantileUpperBound(histogram: Histogram, q: number): number {
  const rank = q * histogram.count
  for (const bucket of histogram.buckets) if (bucket.count >= rank) return bucket.le
  return Number.NaN
}

// The value of a sample line `series{labels} value` or `series value`; undefined for another series.
function sampleValue(line: string, series: string): number | undefined {
  const rest = line.slice(series.length)
  const match = /^(?:\{[^}]*\})?\s+(\S+)/.exec(rest)
  return match ? Number(match[1]) : undefined
}
