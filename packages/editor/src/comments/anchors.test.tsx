import { afterEach, describe, expect, it } from 'vitest'
import { commentsDoc } from '@tandem/schema'
import * as Y from 'yjs'
import { createPeer, linkDocs, waitFor, type Peer } from '../test-support/peers.js'
import { anchorToRange, rangeToAnchor } from './anchors.js'
import {
  commentHighlights,
  setActiveThread,
  setHighlightedThreads,
  threadRanges,
} from './highlights.js'

const alice = { id: 'alice', name: 'Alice', color: '#e5484d' }
const bob = { id: 'bob', name: 'Bob', color: '#0090ff' }
const peers: Peer[] = []
const unlinks: (() => void)[] = []

afterEach(() => {
  for (const unlink of unlinks.splice(0)) unlink()
  for (const peer of peers.splice(0)) peer.destroy()
})

function peer(user = alice): Peer {
  const created = createPeer(user)
  peers.push(created)
  return created
}

/** ProseMirror range of the first occurrence of `text` (inside one text node). */
function find(p: Peer, text: string): { from: number; to: number } {
  let found: { from: number; to: number } | null = null
  p.editor.state.doc.descendants((node, pos) => {
    if (found || !node.isText) return
    const at = node.text?.indexOf(text) ?? -1
    if (at >= 0) found = { from: pos + at, to: pos + at + text.length }
  })
  if (!found) throw new Error(`"${text}" not in the document`)
  return found
}

const textAt = (p: Peer, range: { from: number; to: number } | null) =>
  range ? p.editor.state.doc.textBetween(range.from, range.to) : null

describe('comment anchors through the y-tiptap binding', () => {
  it('round-trips a selection and stays on its text while others edit around it', async () => {
    const a = peer(alice)
    const b = peer(bob)
    unlinks.push(linkDocs(a.doc, b.doc))
    a.editor.commands.setContent('<p>The quick brown fox jumps.</p><p>Second line.</p>')
    await waitFor(() => b.text().includes('Second line.'), 'content at Bob')

    const anchor = rangeToAnchor(a.editor.state, find(a, 'brown fox'))
    expect(anchor?.quote).toBe('brown fox')
    if (!anchor) throw new Error('no anchor')
    expect(textAt(a, anchorToRange(a.editor.state, anchor))).toBe('brown fox')

    // Bob types before it and after it, and adds a paragraph above: still on "brown fox".
    b.editor.commands.insertContentAt(find(b, 'quick').from, 'very ')
    b.editor.commands.insertContentAt(find(b, 'jumps').from, 'happily ')
    b.editor.commands.insertContentAt(0, '<p>A new first paragraph.</p>')
    await waitFor(() => a.text().startsWith('A new first paragraph.'), 'Bob’s edits at Alice')
    expect(textAt(a, anchorToRange(a.editor.state, anchor))).toBe('brown fox')
    expect(textAt(b, anchorToRange(b.editor.state, anchor))).toBe('brown fox')

    // Deleting the anchored text detaches the thread (null), it does not move elsewhere.
    const span = find(b, 'brown fox')
    b.editor.commands.deleteRange(span)
    await waitFor(() => !a.text().includes('brown fox'), 'deletion at Alice')
    expect(anchorToRange(a.editor.state, anchor)).toBeNull()
  })

  it('refuses empty selections and garbage anchors', () => {
    const a = peer()
    a.editor.commands.setContent('<p>Hello</p>')
    expect(rangeToAnchor(a.editor.state, { from: 2, to: 2 })).toBeNull()
    const garbage = { start: new Uint8Array([255, 1, 2]), end: new Uint8Array([0]) }
    expect(anchorToRange(a.editor.state, garbage)).toBeNull()
  })

  it('highlights threads stored in a comments doc, follows remote and local edits', async () => {
    const a = peer(alice)
    const b = peer(bob)
    unlinks.push(linkDocs(a.doc, b.doc))
    a.editor.commands.setContent('<p>Alpha beta gamma delta.</p>')
    await waitFor(() => b.text().includes('delta'), 'content at Bob')
    const activated: string[] = []
    for (const plugin of commentHighlights({ onActivate: (id) => activated.push(id) }))
      b.editor.registerPlugin(plugin)

    const comments = commentsDoc(new Y.Doc())
    const anchor = rangeToAnchor(a.editor.state, find(a, 'gamma'))
    if (!anchor) throw new Error('no anchor')
    const thread = comments.createThread({
      anchor,
      quote: anchor.quote,
      author: alice,
      body: 'Hm?',
    })
    setHighlightedThreads(b.editor, comments.list())
    setActiveThread(b.editor, thread.id)
    const highlighted = () =>
      [...b.editor.view.dom.querySelectorAll('.tandem-comment')]
        .map((el) => el.textContent)
        .join('')
    expect(highlighted()).toBe('gamma')
    expect(b.editor.view.dom.querySelector('.tandem-comment--active')?.textContent).toBe('gamma')

    a.editor.commands.insertContentAt(find(a, 'beta').from, 'new ') // remote for Bob
    await waitFor(() => b.text().includes('new beta'), 'remote edit')
    expect(highlighted()).toBe('gamma')
    b.editor.commands.insertContentAt(find(b, 'Alpha').from, 'Local ') // local for Bob
    expect(highlighted()).toBe('gamma')
    expect(textAt(b, threadRanges(b.editor.state).get(thread.id) ?? null)).toBe('gamma')

    b.editor.view.someProp('handleClick', (f) =>
      f(b.editor.view, find(b, 'gamma').from + 1, new MouseEvent('click')),
    )
    expect(activated).toEqual([thread.id])

    a.editor.commands.deleteRange(find(a, 'gamma'))
    await waitFor(() => !b.text().includes('gamma'), 'deletion')
    expect(highlighted()).toBe('')
    expect(threadRanges(b.editor.state).has(thread.id)).toBe(false)
  })
})
