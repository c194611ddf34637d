import { TandemError } from '@tandem/schema'

/** A set of listeners for one kind of value; returns an unsubscribe function on add. */
export class Listeners<T> {
  private readonly set = new Set<(value: T) => void>()

  add(listener: (value: T) => void): () => void {
    if (typeof listener !== 'function') {
      throw new TandemError(
        'bad-request',
        `onStatus(): listener must be a function, got ${typeof listener}`,
      )
    }
    this.set.add(listener)
    return () => {
      this.set.delete(listener)
    }
  }

  emit(value: T): void {
    // A throwing listener must not stop the others nor break the client's own bookkeeping;
    // it is rethrown on its own task so the host still sees it (window.onerror, uncaught).
    for (const listener of [...this.set]) {
      try {
        listener(value)
      } catch (error) {
        queueMicrotask(() => {
          throw error
        })
      }
    }
  }

  clear(): void {
    this.set.clear()
  }
}
