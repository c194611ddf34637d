import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { htmlToJson } from './from-html.js'
import { markdownToJson } from './from-markdown.js'
import { appendJson, fragmentToJson, replaceJson } from './prosemirror-json.js'
import { toHtml, toText } from './to-html.js'
import { toMarkdown } from './to-markdown.js'

function throughYjs(nodes: ReturnType<typeof markdownToJson>): ReturnType<typeof fragmentToJson> {
  const doc = new Y.Doc()
  const fragment = doc.getXmlFragment('content')
  doc.transact(() => appendJson(fragment, nodes))
  // Through an update too, as another replica would see it.
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  return fragmentToJson(copy.getXmlFragment('content'))
}

const SAMPLE = `# Plan

Some **bold**, _italic_, ~~gone~~, \`code\` and a [link](https://example.com/a).

- one
- two
  - nested

1. first
2. second

- [ ] todo
- [x] done

> quoted

\`\`\`ts
const x = 1 < 2
\`\`\`

---

| a | b |
| --- | --- |
| 1 | 2 |
`

describe('rich text conversion', () => {
  it('maps Markdown onto the editor schema', () => {
    const nodes = markdownToJson(SAMPLE)
    expect(nodes.map((n) => n.type)).toEqual([
      'heading',
      'paragraph',
      'bulletList',
      'orderedList',
      'taskList',
      'blockquote',
      'codeBlock',
      'horizontalRule',
      'table',
    ])
    expect(nodes[0]).toEqual({
      type: 'heading',
      attrs: { level: 1 },
      content: [{ type: 'text', text: 'Plan' }],
    })
    expect(nodes[1]?.content).toContainEqual({
      type: 'text',
      text: 'link',
      marks: [{ type: 'link', attrs: { href: 'https://example.com/a' } }],
    })
    expect(nodes[4]?.content?.map((item) => item.attrs?.checked)).toEqual([false, true])
    expect(nodes[6]).toMatchObject({
      attrs: { language: 'ts' },
      content: [{ text: 'const x = 1 < 2' }],
    })
  })

  it('round-trips Markdown through Yjs', () => {
    const once = toMarkdown(throughYjs(markdownToJson(SAMPLE)))
    const twice = toMarkdown(throughYjs(markdownToJson(once)))
    expect(twice).toBe(once)
    expect(once).toContain('# Plan')
    expect(once).toContain('**bold**')
    expect(once).toContain('- [x] done')
    expect(once).toContain('  - nested')
    expect(once).toContain('```ts\nconst x = 1 < 2\n```')
    expect(once).toContain('| 1 | 2 |')
  })

  it('writes HTML and plain text', () => {
    const nodes = throughYjs(markdownToJson('Hello **big** 1 < 2 & 3\n\n- item'))
    expect(toHtml(nodes)).toBe(
      '<p>Hello <strong>big</strong> 1 &lt; 2 &amp; 3</p><ul><li><p>item</p></li></ul>',
    )
    expect(toText(nodes)).toBe('Hello big 1 < 2 & 3\nitem')
  })

  it('reads HTML, dropping scripts and unsafe URLs', () => {
    const nodes = htmlToJson(
      '<h2>T</h2>loose <b>text</b><script>alert(1)</script><a href="javascript:alert(1)">x</a><img src="data:x"><ul data-type="taskList"><li data-type="taskItem" data-checked="true"><label><input type="checkbox" checked></label><div><p>ok</p></div></li></ul>',
    )
    expect(nodes).toEqual([
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'T' }] },
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'loose ' },
          { type: 'text', text: 'text', marks: [{ type: 'bold' }] },
          { type: 'text', text: 'x' },
        ],
      },
      {
        type: 'taskList',
        content: [
          {
            type: 'taskItem',
            attrs: { checked: true },
            content: [{ type: 'paragraph', content: [{ type: 'text', text: 'ok' }] }],
          },
        ],
      },
    ])
  })

  it('escapes Markdown syntax in text so it reads back as text', () => {
    const nodes = [{ type: 'paragraph', content: [{ type: 'text', text: '# not *a* [heading]' }] }]
    const back = markdownToJson(toMarkdown(nodes))
    expect(back).toEqual(nodes)
  })

  it('replaces the content of a fragment in one transaction', () => {
    const doc = new Y.Doc()
    const fragment = doc.getXmlFragment('content')
    doc.transact(() => appendJson(fragment, markdownToJson('old')))
    let updates = 0
    doc.on('update', () => updates++)
    doc.transact(() => replaceJson(fragment, markdownToJson('new *text*')))
    expect(updates).toBe(1)
    expect(toMarkdown(fragmentToJson(fragment))).toBe('new _text_\n')
  })

  it('survives hostile or empty input', () => {
    expect(markdownToJson('')).toEqual([])
    expect(htmlToJson('<p><b><i>unclosed')).toEqual([
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'unclosed', marks: [{ type: 'bold' }, { type: 'italic' }] },
        ],
      },
    ])
    expect(() => markdownToJson('['.repeat(10_000))).not.toThrow()
  })
})
