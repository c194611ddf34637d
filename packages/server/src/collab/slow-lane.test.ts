import { describe, expect, it } from 'vitest'
import { SlowLane } from './slow-lane.js'

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

describe('SlowLane', () => {
  it('runs work in order, tracks pending keys, and reports errors without stopping', async () => {
    const errors: unknown[] = []
    const lane = new SlowLane<string>({ onError: (e) => errors.push(e) })
    const ran: string[] = []
    lane.push('a', () => ran.push('a1'))
    lane.push('b', () => {
      throw new Error('boom')
    })
    lane.push('a', () => ran.push('a2'))
    expect(lane.pending('a')).toBe(true)
    expect(ran).toEqual([])
    for (let i = 0; i < 5 && ran.length < 2; i++) await turn()
    expect(ran).toEqual(['a1', 'a2'])
    expect(lane.pending('a')).toBe(false)
    expect(lane.pending('b')).toBe(false)
    expect(errors).toHaveLength(1)
  })

  it('yields to the event loop between slices', async () => {
    const lane = new SlowLane<number>({ sliceMs: 2, onError: () => undefined })
    let done = 0
    for (let i = 0; i < 50; i++)
      lane.push(i, () => {
        const until = performance.now() + 0.5
        while (performance.now() < until);
        done++
      })
    // Other work (an edit) gets a turn long before the lane is empty.
    await turn()
    expect(done).toBeGreaterThan(0)
    expect(done).toBeLessThan(50)
    for (let i = 0; i < 200 && done < 50; i++) await turn()
    expect(done).toBe(50)
  })
})
