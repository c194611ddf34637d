import { describe, expect, it } from 'vitest'
import type { CommentThread } from '@tandem/schema'
import { typingText } from './chat/ChatPanel.js'
import { orderThreads } from './comments/useThreadPlaces.js'
import { chatIdFromHash, commentIdFromHash } from './deepLink.js'
import { dayLabel, shortTime } from './time.js'

const thread = (id: string, created: number): CommentThread => ({
  id,
  anchor: null,
  quote: id,
  created,
  createdBy: { id: 'u', name: 'U' },
  resolved: null,
  comments: [],
})

describe('conversation helpers', () => {
  it('orders threads by where they are in the text; detached ones last, oldest first', () => {
    const threads = [thread('a', 1), thread('b', 2), thread('c', 3), thread('d', 4)]
    const places = new Map([
      ['c', { from: 2, to: 5 }],
      ['a', { from: 10, to: 12 }],
      ['d', { from: 2, to: 4 }],
    ])
    const { placed, detached } = orderThreads(threads, places)
    expect(placed.map((t) => t.id)).toEqual(['d', 'c', 'a'])
    expect(detached.map((t) => t.id)).toEqual(['b'])
  })

  it('reads comment deep links and nothing else', () => {
    expect(commentIdFromHash('#comment-abc_9-X')).toBe('abc_9-X')
    for (const bad of [
      '',
      '#comment-',
      '#comment-a b',
      '#thread-abc',
      `#comment-${'x'.repeat(65)}`,
    ])
      expect(commentIdFromHash(bad)).toBeNull()
    expect(chatIdFromHash('#chat-m1')).toBe('m1')
    expect(chatIdFromHash('#comment-m1')).toBeNull()
    expect(commentIdFromHash('#chat-m1')).toBeNull()
  })

  it('says who is typing', () => {
    expect(typingText([])).toBe('')
    expect(typingText(['Ada'])).toBe('Ada is typing…')
    expect(typingText(['Ada', 'Grace'])).toBe('Ada and Grace are typing…')
    expect(typingText(['A', 'B', 'C'])).toBe('3 people are typing…')
  })

  it('gives short relative times', () => {
    const now = Date.UTC(2026, 0, 10, 12, 0)
    expect(shortTime(now - 10_000, now)).toBe('just now')
    expect(shortTime(now - 5 * 60_000, now)).toBe('5 min ago')
    expect(shortTime(now - 30 * 86_400_000, now)).not.toContain('ago')
    expect(dayLabel(now - 60_000, now)).toBe('Today')
    expect(dayLabel(now - 86_400_000, now)).toBe('Yesterday')
    expect(dayLabel(now - 10 * 86_400_000, now)).not.toMatch(/Today|Yesterday/)
  })
})
