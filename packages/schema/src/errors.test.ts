import { describe, expect, it } from 'vitest'
import {
  ERROR_CODE_LIST,
  ERROR_CODES,
  TandemError,
  closeEventFor,
  closeEventToError,
} from './errors.js'

describe('error codes', () => {
  it('round-trips every code through a close event', () => {
    for (const code of ERROR_CODE_LIST) {
      const event = closeEventFor(code)
      expect(event.code).toBeGreaterThanOrEqual(4000)
      expect(event.code).toBeLessThan(5000)
      expect(closeEventToError(event.code, event.reason)?.code).toBe(code)
    }
  })

  it('maps a bare unique close number, ignores ordinary closes', () => {
    expect(closeEventToError(ERROR_CODES['rate-limited'].close, '')?.code).toBe('rate-limited')
    expect(closeEventToError(1000, 'bye')).toBeNull()
    expect(closeEventToError(1006, '')).toBeNull()
  })

  it('TandemError carries code and JSON form', () => {
    const error = new TandemError('forbidden')
    expect(error).toBeInstanceOf(Error)
    expect(error.toJSON()).toEqual({
      error: { code: 'forbidden', message: 'no access to this document' },
    })
    expect(error.toCloseEvent()).toEqual({ code: 4403, reason: 'forbidden' })
  })
})
