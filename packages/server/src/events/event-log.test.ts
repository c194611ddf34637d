import { describe, expect, it } from 'vitest'
import { EventLog } from './event-log.js'

describe('EventLog', () => {
  const all = (): boolean => true

  it('numbers events from the boot time, so ids grow across restarts', () => {
    const before = new EventLog(10, 1_000)
    const after = new EventLog(10, 2_000)
    const a = before.append('document-updated', 'doc:a', {})
    const b = after.append('document-updated', 'doc:a', {})
    expect(a.id).toBe(1_000_001)
    expect(b.id).toBeGreaterThan(a.id)
    // An id of the earlier process is too old for the later one.
    expect(after.since(a.id, all)).toEqual({ ok: false, oldestId: 2_000_001 })
  })

  it('replays exactly what came after an id, for the wanted documents, in order', () => {
    const log = new EventLog(10, 0)
    const ids = ['doc:a', 'doc:b', 'doc:a', 'doc:a'].map(
      (doc) => log.append('document-updated', doc, { doc }).id,
    )
    const replay = log.since(ids[0] as number, (doc) => doc === 'doc:a')
    expect(replay.ok && replay.events.map((e) => e.id)).toEqual([ids[2], ids[3]])
    expect(log.since(log.lastId, all)).toEqual({ ok: true, events: [] })
  })

  it('says "too old" once an event after the id has left the window, never a silent gap', () => {
    const log = new EventLog(2, 0)
    const first = log.append('presence-count', 'doc:a', {}).id
    const second = log.append('presence-count', 'doc:a', {}).id
    log.append('presence-count', 'doc:a', {})
    // `first` itself left the window, but nothing after it did: still complete.
    expect(log.since(first, all)).toMatchObject({ ok: true })
    log.append('presence-count', 'doc:a', {})
    expect(log.since(first, all)).toEqual({ ok: false, oldestId: second + 1 })
    expect(log.since(second, all)).toMatchObject({ ok: true })
  })

  it('refuses ids from the future or that are not integers', () => {
    const log = new EventLog(5, 0)
    log.append('chat', 'chat:a', {})
    expect(log.since(log.lastId + 1, all).ok).toBe(false)
    expect(log.since(Number.NaN, all).ok).toBe(false)
    expect(log.since(1.5, all).ok).toBe(false)
  })
})
