import { beforeEach, describe, expect, it } from 'vitest'
import {
  clearSession,
  loadSession,
  saveSession,
  signIn,
  SignInError,
  validateName,
} from './session.js'

const SESSION = { token: 'jwt', user: { id: 'u1', name: 'Ada', color: '#123456' } }

describe('validateName', () => {
  it('trims and collapses whitespace', () => {
    expect(validateName('  Ada   Lovelace ')).toBe('Ada Lovelace')
  })
  it('refuses empty and overlong names with a stable code', () => {
    for (const bad of ['', '   ', 'x'.repeat(65)]) {
      expect(() => validateName(bad)).toThrow(SignInError)
      try {
        validateName(bad)
      } catch (error) {
        expect((error as SignInError).code).toBe('invalid-name')
      }
    }
  })
})

describe('stored session', () => {
  beforeEach(() => localStorage.clear())

  it('round-trips and clears', () => {
    saveSession(SESSION)
    expect(loadSession()).toEqual(SESSION)
    clearSession()
    expect(loadSession()).toBeNull()
  })

  it('discards unreadable or incomplete data instead of crashing', () => {
    localStorage.setItem('tandem.session', '{not json')
    expect(loadSession()).toBeNull()
    expect(localStorage.getItem('tandem.session')).toBeNull()
    localStorage.setItem('tandem.session', JSON.stringify({ token: '', user: {} }))
    expect(loadSession()).toBeNull()
  })
})

describe('signIn', () => {
  beforeEach(() => localStorage.clear())

  // A real HTTP exchange, in-process: the Fetch API's own Response objects, no mocking library.
  const answer = (status: number, body: string) => async () => new Response(body, { status })

  it('keeps the session the server returned', async () => {
    const session = await signIn('Ada', answer(200, JSON.stringify(SESSION)))
    expect(session).toEqual(SESSION)
    expect(loadSession()).toEqual(SESSION)
  })

  it('shows the error message the server sent', async () => {
    const body = JSON.stringify({
      error: { code: 'bad-request', message: 'name must not be empty' },
    })
    await expect(signIn('Ada', answer(400, body))).rejects.toThrow(
      'Sign-in failed (400). name must not be empty',
    )
  })

  it('maps each failure to a code and stores nothing', async () => {
    const cases: [typeof fetch, string][] = [
      [answer(500, 'boom'), 'server-error'],
      [answer(200, '{"token": 1}'), 'bad-response'],
      [answer(200, 'not json'), 'bad-response'],
      [async () => Promise.reject(new TypeError('Failed to fetch')), 'offline'],
    ]
    for (const [fetchImpl, code] of cases) {
      await expect(signIn('Ada', fetchImpl)).rejects.toMatchObject({ code })
    }
    await expect(signIn('  ', answer(200, JSON.stringify(SESSION)))).rejects.toMatchObject({
      code: 'invalid-name',
    })
    expect(loadSession()).toBeNull()
  })
})
