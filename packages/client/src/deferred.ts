/** A promise with its resolve/reject, settled at most once. */
export interface Deferred<T> {
  readonly promise: Promise<T>
  readonly settled: boolean
  resolve(value: T): void
  reject(error: unknown): void
}

/**
 * Creates a {@link Deferred}. Handles expose `whenLoaded`/`whenSynced` that their owner may
 * never await; rejecting such a promise on close would be an unhandled rejection, which is
 * fatal in Node. So the promise gets one no-op rejection handler of its own: whoever awaits
 * it still receives the rejection.
 */
export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  let settled = false
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  promise.then(undefined, () => undefined)
  return {
    promise,
    get settled() {
      return settled
    },
    resolve(value) {
      if (settled) return
      settled = true
      resolve(value)
    },
    reject(error) {
      if (settled) return
      settled = true
      reject(error)
    },
  }
}
