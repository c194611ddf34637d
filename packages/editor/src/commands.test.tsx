import { afterEach, describe, expect, it } from 'vitest'
import { applyLink, insertImage, insertTable, removeLink } from './commands.js'
import { createPeer, type Peer } from './test-support/peers.js'
import { parseImageUrl, parseLinkUrl } from './urls.js'

const alice = { id: 'alice', name: 'Alice', color: '#e5484d' }
let peers: Peer[] = []
function peer(): Peer {
  const p = createPeer(alice)
  peers.push(p)
  return p
}
afterEach(() => {
  for (const p of peers) p.destroy()
  peers = []
})

const xml = (p: Peer) => p.doc.getXmlFragment('content').toString()

describe('URL validation', () => {
  it.each([
    ['https://example.com/a?b=1', 'https://example.com/a?b=1'],
    ['  http://example.com  ', 'http://example.com/'],
    ['example.com/docs', 'https://example.com/docs'],
    ['mailto:bob@example.com', 'mailto:bob@example.com'],
  ])('accepts link %s', (input, href) => {
    expect(parseLinkUrl(input)).toEqual({ ok: true, value: href })
  })

  it.each([
    ['', 'empty-url'],
    ['   ', 'empty-url'],
    [undefined, 'empty-url'],
    [42, 'empty-url'],
    ['javascript:alert(1)', 'unsupported-protocol'],
    ['data:text/html,hi', 'unsupported-protocol'],
    ['not a url', 'invalid-url'],
    ['http://', 'invalid-url'],
    ['http://exa mple.com', 'invalid-url'],
  ])('refuses link %s with %s', (input, code) => {
    const result = parseLinkUrl(input)
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.code).toBe(code)
      expect(result.error.message.length).toBeGreaterThan(5)
    }
  })

  it('refuses addresses longer than 2048 characters', () => {
    expect(parseLinkUrl(`https://example.com/${'a'.repeat(3000)}`)).toMatchObject({
      ok: false,
      error: { code: 'invalid-url' },
    })
  })

  it('allows only http(s) for images', () => {
    expect(parseImageUrl('https://example.com/cat.png').ok).toBe(true)
    expect(parseImageUrl('mailto:x@example.com')).toMatchObject({
      ok: false,
      error: { code: 'unsupported-protocol' },
    })
    expect(parseImageUrl('data:image/png;base64,AAAA')).toMatchObject({
      ok: false,
      error: { code: 'unsupported-protocol' },
    })
    expect(parseImageUrl('cat.png')).toMatchObject({ ok: false, error: { code: 'invalid-url' } })
  })
})

describe('editor commands', () => {
  it('links the selection', () => {
    const a = peer()
    a.editor.commands.insertContent('Tandem')
    a.editor.commands.setTextSelection({ from: 1, to: 7 })
    expect(applyLink(a.editor, 'tandem.dev')).toEqual({ ok: true, value: 'https://tandem.dev/' })
    expect(xml(a)).toContain('https://tandem.dev/')
    expect(a.editor.getHTML()).toContain(
      '<a target="_blank" rel="noopener noreferrer nofollow" href="https://tandem.dev/">Tandem</a>',
    )
    expect(removeLink(a.editor).ok).toBe(true)
    expect(a.editor.getHTML()).not.toContain('<a ')
  })

  it('inserts the address as linked text when nothing is selected', () => {
    const a = peer()
    expect(applyLink(a.editor, 'https://example.com').ok).toBe(true)
    expect(a.editor.getText()).toBe('https://example.com/')
    expect(a.editor.isActive('link', { href: 'https://example.com/' })).toBe(true)
  })

  it('refuses an empty or dangerous link and changes nothing', () => {
    const a = peer()
    a.editor.commands.insertContent('text')
    a.editor.commands.setTextSelection({ from: 1, to: 5 })
    const before = xml(a)
    expect(applyLink(a.editor, '')).toMatchObject({ ok: false, error: { code: 'empty-url' } })
    expect(applyLink(a.editor, 'javascript:alert(1)')).toMatchObject({
      ok: false,
      error: { code: 'unsupported-protocol' },
    })
    expect(xml(a)).toBe(before)
  })

  it('refuses javascript: links from pasted HTML (same rule as the dialog)', () => {
    const a = peer()
    a.editor.commands.insertContent('<p><a href="javascript:alert(1)">click</a></p>')
    expect(a.editor.getHTML()).not.toContain('javascript:')
  })

  it('inserts an image by URL and refuses an invalid one', () => {
    const a = peer()
    const before = xml(a)
    expect(insertImage(a.editor, 'ftp://example.com/cat.png')).toMatchObject({
      ok: false,
      error: { code: 'unsupported-protocol' },
    })
    expect(insertImage(a.editor, '')).toMatchObject({ ok: false, error: { code: 'empty-url' } })
    expect(xml(a)).toBe(before)
    expect(insertImage(a.editor, 'https://example.com/cat.png', ' A cat ').ok).toBe(true)
    expect(xml(a)).toContain('src="https://example.com/cat.png"')
    expect(xml(a)).toContain('alt="A cat"')
  })

  it('inserts tables within bounds only', () => {
    const a = peer()
    const before = xml(a)
    expect(insertTable(a.editor, { rows: 0, cols: 3 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-table-size' },
    })
    expect(insertTable(a.editor, { rows: 3, cols: 1000 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-table-size' },
    })
    expect(insertTable(a.editor, { rows: 2.5, cols: 3 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-table-size' },
    })
    expect(xml(a)).toBe(before)
    expect(insertTable(a.editor, { rows: 2, cols: 3 }).ok).toBe(true)
    expect(a.editor.isActive('table')).toBe(true)
  })

  it('refuses every command in read-only mode', () => {
    const a = peer()
    a.editor.setEditable(false)
    const before = xml(a)
    expect(applyLink(a.editor, 'https://example.com')).toMatchObject({
      ok: false,
      error: { code: 'read-only' },
    })
    expect(insertImage(a.editor, 'https://example.com/cat.png')).toMatchObject({
      ok: false,
      error: { code: 'read-only' },
    })
    expect(insertTable(a.editor)).toMatchObject({ ok: false, error: { code: 'read-only' } })
    expect(removeLink(a.editor)).toMatchObject({ ok: false, error: { code: 'read-only' } })
    expect(xml(a)).toBe(before)
  })
})
