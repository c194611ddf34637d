import type { LoadWorker } from '../loadgen/pool.js'

/**
 * Waits until the workers have sampled `expected` deliveries, or `timeoutMs` passed (then the
 * missing ones count as lost in the figures, they are not waited for forever). Returns the
 * milliseconds waited.
 */
export async function drain(
  workers: readonly LoadWorker[],
  expected: number,
  timeoutMs: number,
): Promise<number> {
  const started = Date.now()
  for (;;) {
    const counts = await Promise.all(workers.map((w) => w.count()))
    const have = counts.reduce((a, b) => a + b, 0)
    if (have >= expected || Date.now() - started > timeoutMs) return Date.now() - started
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}
