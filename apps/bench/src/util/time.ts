/**
 * Microseconds on CLOCK_MONOTONIC. process.hrtime reads the system-wide monotonic clock, so
 * stamps taken in different processes on this machine compare directly: a writer puts its
 * stamp into the edit and a receiver in another process subtracts it from its own.
 */
export function nowUs(): number {
  return Number(process.hrtime.bigint() / 1000n)
}

/** Milliseconds on the same monotonic clock as {@link nowUs}. */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6
}

/**
 * Waits until `check` returns true, polling every `intervalMs`, or rejects after `timeoutMs`.
 * Bounded polling for state that has no event of its own (e.g. a file size settling).
 */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  { timeoutMs, intervalMs = 20 }: { timeoutMs: number; intervalMs?: number },
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (await check()) return
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
  }
}

/** Resolves after `ms` milliseconds: used only to pace load (edits per second), never to wait for state. */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
