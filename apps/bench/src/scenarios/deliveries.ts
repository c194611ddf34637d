import type { LoadWorker } from '../loadgen/pool.js'

/** How a drain ended. */
export interface Drained {
  waitedMs: number
  have: number
  complete: boolean
}

/**
 * Waits until the workers have sampled `expected` deliveries, or `timeoutMs` passed (then the
 * missing ones count as lost in the figures, they are not waited for forever).
 */
export async function drain(
  workers: readonly LoadWorker[],
  expected: number,
  timeoutMs: number,
): Promise<Drained> {
  const started = Date.now()
  for (;;) {
    const counts = await Promise.all(workers.map((w) => w.count()))
    const have = counts.reduce((a, b) => a + b, 0)
    if (have >= expected || Date.now() - started > timeoutMs) {
      return { waitedMs: Date.now() - started, have, complete: have >= expected }
    }
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}
