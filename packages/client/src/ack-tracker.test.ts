import { describe, expect, it } from 'vitest'
import { AckTracker } from './ack-tracker.js'

describe('AckTracker', () => {
  it('counts local changes until their frames are acknowledged', () => {
    const t = new AckTracker()
    const a = t.recordLocalChange()
    const b = t.recordLocalChange()
    t.sent({ kind: 'update', seq: a })
    t.sent({ kind: 'update', seq: b })
    expect(t.unsynced).toBe(2)
    expect(t.acked(true)).toBe('confirmed')
    expect(t.unsynced).toBe(1)
    expect(t.acked(true)).toBe('confirmed')
    expect(t.unsynced).toBe(0)
  })

  it('confirms everything up to a step 2, including changes whose frames were dropped', () => {
    const t = new AckTracker()
    t.recordLocalChange() // made offline: never sent on its own
    t.recordLocalChange()
    t.sent({ kind: 'step2', upTo: t.latest })
    const later = t.recordLocalChange()
    t.sent({ kind: 'update', seq: later })
    expect(t.unsynced).toBe(3)
    t.acked(true)
    expect(t.unsynced).toBe(1)
    t.acked(true)
    expect(t.unsynced).toBe(0)
  })

  it('confirms out-of-order single changes without double counting', () => {
    const t = new AckTracker()
    const a = t.recordLocalChange()
    const b = t.recordLocalChange()
    const c = t.recordLocalChange()
    // a was dropped (offline); b and c were sent later.
    t.sent({ kind: 'update', seq: b })
    t.sent({ kind: 'update', seq: c })
    t.acked(true)
    t.acked(true)
    expect(t.unsynced).toBe(1)
    t.sent({ kind: 'step2', upTo: c })
    t.acked(true)
    expect(t.unsynced).toBe(0)
    expect(a).toBe(1)
  })

  it('forgets frames lost with the connection', () => {
    const t = new AckTracker()
    t.sent({ kind: 'update', seq: t.recordLocalChange() })
    t.connectionLost()
    expect(t.acked(true)).toBe('unexpected')
    expect(t.unsynced).toBe(1)
  })

  it('reports refusals and confirms nothing for them', () => {
    const t = new AckTracker()
    t.sent({ kind: 'update', seq: t.recordLocalChange() })
    expect(t.acked(false)).toBe('refused')
    expect(t.unsynced).toBe(1)
  })

  it('carries restored changes until a handshake confirms them; updates not made here confirm nothing', () => {
    const t = new AckTracker()
    t.restore(5)
    expect(t.unsynced).toBe(5)
    t.sent({ kind: 'update', seq: null })
    t.acked(true)
    expect(t.unsynced).toBe(5)
    t.sent({ kind: 'step2', upTo: t.latest })
    t.acked(true)
    expect(t.unsynced).toBe(0)
    expect(() => t.restore(-1)).toThrow(RangeError)
    expect(() => t.restore(1.5)).toThrow(RangeError)
  })
})
