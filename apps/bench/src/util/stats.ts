/** Percentile of an ascending-sorted array (nearest rank); NaN when empty. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.ceil((p / 100) * sorted.length) - 1
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] as number
}

/** p50 / p99 / max of a set of samples. */
export interface LatencySummary {
  count: number
  p50: number
  p99: number
  max: number
}

/**
 * Latency samples plus `missing` deliveries that never arrived within the drain deadline,
 * counted as Infinity so that losing edits can never look like low latency.
 */
export function withMissing(samples: ArrayLike<number>, missing: number): Float64Array {
  const out = new Float64Array(samples.length + Math.max(0, missing))
  out.set(Float64Array.from(samples))
  out.fill(Infinity, samples.length)
  return out
}

/** Summarises samples; sorts a copy, so the input keeps its order. */
export function summarize(samples: ArrayLike<number>): LatencySummary {
  const sorted = Float64Array.from(samples).sort()
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.length === 0 ? Number.NaN : (sorted[sorted.length - 1] as number),
  }
}

/** Median with the range of several runs of one figure. */
export interface Spread {
  median: number
  min: number
  max: number
  runs: number
}

/**
 * Median, min and max over runs; NaN runs (figure not available) are left out. Infinity stays:
 * it stands for "did not arrive within the drain deadline".
 */
export function spread(values: readonly number[]): Spread {
  const finite = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b)
  if (finite.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN, runs: 0 }
  const mid = finite.length >> 1
  const median =
    finite.length % 2 === 1
      ? (finite[mid] as number)
      : ((finite[mid - 1] as number) + (finite[mid] as number)) / 2
  return {
    median,
    min: finite[0] as number,
    max: finite[finite.length - 1] as number,
    runs: finite.length,
  }
}
