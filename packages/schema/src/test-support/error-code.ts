import { expect } from 'vitest'
import { TandemError } from '../errors.js'

/** The code of the TandemError `fn` throws; fails the test when it throws nothing or another error. */
export function errorCode(fn: () => unknown): string {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(TandemError)
    return (error as TandemError).code
  }
  throw new Error('expected a TandemError')
}
