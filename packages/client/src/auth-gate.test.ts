import { describe, expect, it } from 'vitest'
import { AuthGate } from './auth-gate.js'

describe('AuthGate', () => {
  it('starts at most `limit` at once and the next when one is done', () => {
    const gate = new AuthGate(2)
    const started: string[] = []
    const keys = ['a', 'b', 'c', 'd'].map((name) => ({ name }))
    for (const key of keys) gate.request(key, () => started.push(key.name))
    expect(started).toEqual(['a', 'b'])
    gate.done(keys[0]!)
    expect(started).toEqual(['a', 'b', 'c'])
    gate.done(keys[3]!) // still waiting: leaves the line, starts nothing
    gate.done(keys[1]!)
    expect(started).toEqual(['a', 'b', 'c'])
    expect(gate.active).toBe(1)
  })

  it('forgets everything on reset, and a repeated request does not take two slots', () => {
    const gate = new AuthGate(1)
    const key = {}
    let starts = 0
    gate.request(key, () => (starts += 1))
    gate.request(key, () => (starts += 1))
    expect(starts).toBe(2)
    expect(gate.active).toBe(1)
    gate.reset()
    expect(gate.active).toBe(0)
    expect(() => new AuthGate(0)).toThrow(RangeError)
  })
})
