/**
 * Waits until `check()` returns true: bounded polling with a deadline, for state that has no
 * event of its own (a document's content reaching another client). Fails with `what`.
 */
export async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** Resolves with the first status (from `subscribe`) that satisfies `check`. */
export function statusWhere<S>(
  current: () => S,
  subscribe: (listener: (s: S) => void) => () => void,
  check: (s: S) => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<S> {
  return new Promise((resolve, reject) => {
    if (check(current())) {
      resolve(current())
      return
    }
    const timer = setTimeout(() => {
      off()
      reject(
        new Error(
          `timed out after ${timeoutMs} ms waiting for ${what}; last: ${JSON.stringify(current())}`,
        ),
      )
    }, timeoutMs)
    const off = subscribe((s) => {
      if (!check(s)) return
      clearTimeout(timer)
      off()
      resolve(s)
    })
  })
}
