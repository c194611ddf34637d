import { describe, expect, it } from 'vitest'
import { TandemError } from './errors.js'
import { checkBody, mentionToken, parseMentions, safeUrl, segmentText } from './text.js'

describe('comment and message text', () => {
  it('splits text, safe links and mentions; the rest stays text', () => {
    const body = `Hi ${mentionToken('ada')}, see https://example.com/a?b=1. <b>bold</b> javascript:alert(1)`
    expect(segmentText(body)).toEqual([
      { type: 'text', text: 'Hi ' },
      { type: 'mention', userId: 'ada' },
      { type: 'text', text: ', see ' },
      { type: 'link', text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { type: 'text', text: '. <b>bold</b> javascript:alert(1)' },
    ])
  })

  it('accepts only http(s) and mailto as link targets', () => {
    expect(safeUrl('https://x.org/p')).toBe('https://x.org/p')
    expect(safeUrl('mailto:a@b.c')).toBe('mailto:a@b.c')
    for (const bad of [
      'javascript:alert(1)',
      'data:text/html,<script>',
      'vbscript:x',
      'nope',
      '',
    ]) {
      expect(safeUrl(bad)).toBeNull()
    }
  })

  it('lists each mentioned user once, in order', () => {
    expect(
      parseMentions(`${mentionToken('b')} ${mentionToken('a')} ${mentionToken('b')} <@bad id>`),
    ).toEqual(['b', 'a'])
    expect(parseMentions('@ada plain')).toEqual([])
  })

  it('refuses empty, oversized and non-string bodies with bad-request', () => {
    for (const bad of ['', '   ', 'x'.repeat(10_001), 42, null]) {
      expect(() => checkBody(bad)).toThrow(TandemError)
    }
    expect(checkBody('  ok ')).toBe('ok')
  })
})
