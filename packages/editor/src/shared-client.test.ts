import { describe, expect, it } from 'vitest'
import { collabUrl } from './shared-client.js'

describe('collabUrl', () => {
  it('takes ws(s) endpoints as they are and maps a server origin to its /collab endpoint', () => {
    expect(collabUrl('wss://tandem.example.com/collab')).toBe('wss://tandem.example.com/collab')
    expect(collabUrl('ws://127.0.0.1:8080/collab')).toBe('ws://127.0.0.1:8080/collab')
    expect(collabUrl('https://tandem.example.com')).toBe('wss://tandem.example.com/collab')
    expect(collabUrl('http://127.0.0.1:8080/')).toBe('ws://127.0.0.1:8080/collab')
    // A path is the host's choice (a proxy prefix): kept.
    expect(collabUrl('https://example.com/tandem/collab')).toBe('wss://example.com/tandem/collab')
  })

  it('refuses anything else with bad-request', () => {
    for (const bad of ['ftp://example.com', 'not a url', '', 42 as unknown as string]) {
      expect(() => collabUrl(bad), String(bad)).toThrow(
        expect.objectContaining({ code: 'bad-request' }),
      )
    }
  })
})
