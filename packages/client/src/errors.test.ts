import { TandemError } from '@tandem/schema'
import { describe, expect, it } from 'vitest'
import { isRetryableAuthError, reasonToError } from './errors.js'

describe('reasonToError', () => {
  it('reads Tandem codes, token fetch failures and stock Hocuspocus reasons', () => {
    expect(reasonToError('token-expired').code).toBe('token-expired')
    expect(reasonToError('Failed to get token during sendToken(): Error: down').code).toBe(
      'unauthorized',
    )
    const stock = reasonToError('permission-denied')
    expect(stock.code).toBe('forbidden')
    expect(stock.message).toBe('permission-denied')
    expect(reasonToError('', 4401).code).toBe('unauthorized')
  })

  it('retries auth errors only when a new token can be fetched', () => {
    expect(isRetryableAuthError(new TandemError('token-expired'), true)).toBe(true)
    expect(isRetryableAuthError(new TandemError('token-expired'), false)).toBe(false)
    expect(isRetryableAuthError(new TandemError('forbidden'), true)).toBe(false)
  })
})
