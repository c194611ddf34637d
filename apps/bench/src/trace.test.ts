import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { paragraphText } from './protocol/content.js'
import { applyPatch, loadTrace, replay } from './trace.js'

describe('editing traces', () => {
  test('clownschool_flat replays to its endContent', async () => {
    const trace = await loadTrace('clownschool_flat')
    const doc = new Y.Doc()
    replay(doc, trace)
    expect(paragraphText(doc).toString()).toBe(trace.endContent)
  })

  test('bad names and concurrent traces are refused with a clear error', async () => {
    await expect(loadTrace('../etc/passwd')).rejects.toThrow(/invalid trace name/)
    await expect(loadTrace('clownschool')).rejects.toThrow(/not a sequential trace/)
    await expect(loadTrace('no-such-trace')).rejects.toThrow(/ENOENT/)
  })

  test('patches past the end are clamped, not thrown', () => {
    const text = paragraphText(new Y.Doc())
    applyPatch(text, [0, 0, 'abc'])
    applyPatch(text, [10, 5, 'd'])
    expect(text.toString()).toBe('abcd')
  })
})
