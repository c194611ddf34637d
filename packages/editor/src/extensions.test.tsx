import { afterEach, describe, expect, it } from 'vitest'
import type { JSONContent } from '@tiptap/core'
import * as Y from 'yjs'
import { createPeer, linkDocs, type Peer } from './test-support/peers.js'

const alice = { id: 'alice', name: 'Alice', color: '#e5484d' }
const bob = { id: 'bob', name: 'Bob', color: '#0090ff' }

let peers: Peer[] = []
function peer(user = alice, doc?: Y.Doc): Peer {
  const p = createPeer(user, doc)
  peers.push(p)
  return p
}
afterEach(() => {
  for (const p of peers) p.destroy()
  peers = []
})

/** Each insert in its own Yjs undo step (the undo manager merges edits within 500 ms). */
function typeAsStep(p: Peer, text: string): void {
  p.editor.commands.insertContent(text)
  const { undoManager } = p.editor.state.plugins
    .map((plugin) => plugin.getState(p.editor.state))
    .find((state) => state && typeof state === 'object' && 'undoManager' in state) as {
    undoManager: Y.UndoManager
  }
  undoManager.stopCapturing()
}

const xmlOf = (p: Peer) => p.doc.getXmlFragment('content').toString()

/** The rows of the first table in the document, as JSON. */
function tableRows(p: Peer): JSONContent[] {
  const table: JSONContent | undefined = p.editor
    .getJSON()
    .content?.find((node: JSONContent) => node.type === 'table')
  return table?.content ?? []
}

describe('tandemExtensions (headless editor, real Yjs)', () => {
  it('writes typed text and commands into the `content` XmlFragment', () => {
    const a = peer()
    a.editor.chain().focus().insertContent('Hello').run()
    expect(a.text()).toBe('Hello')
    a.editor.chain().focus().setTextSelection({ from: 1, to: 6 }).toggleBold().run()
    a.editor.chain().focus().setNode('heading', { level: 2 }).run()
    const xml = a.doc.getXmlFragment('content').toString()
    expect(xml).toContain('<heading level="2">')
    expect(xml).toContain('<bold>Hello</bold>')
  })

  it('supports task lists, code blocks and blockquotes', () => {
    const a = peer()
    a.editor.chain().focus().insertContent('todo').toggleTaskList().run()
    expect(a.doc.getXmlFragment('content').toString()).toContain('<tasklist>')
    a.editor.chain().focus().toggleTaskList().toggleCodeBlock().run()
    expect(a.doc.getXmlFragment('content').toString()).toContain('<codeblock')
    a.editor.chain().focus().toggleCodeBlock().toggleBlockquote().run()
    expect(a.doc.getXmlFragment('content').toString()).toContain('<blockquote><paragraph>todo')
  })

  it('inserts tables and adds rows and columns', () => {
    const a = peer()
    a.editor.chain().focus().insertTable({ rows: 2, cols: 2, withHeaderRow: true }).run()
    a.editor.chain().focus().addColumnAfter().addRowAfter().run()
    const rows = tableRows(a)
    expect(rows).toHaveLength(3)
    expect(rows[0]?.content).toHaveLength(3)
    expect(a.doc.getXmlFragment('content').toString()).toContain('<tablerow>')
    a.editor.chain().focus().deleteRow().deleteColumn().run()
    expect(tableRows(a)).toHaveLength(2)
  })

  it('two editors on two linked Y.Docs converge', () => {
    const a = peer(alice)
    const b = peer(bob)
    linkDocs(a.doc, b.doc)
    a.editor.commands.insertContent('from Alice. ')
    b.editor.commands.setTextSelection(b.editor.state.doc.content.size - 1)
    b.editor.commands.insertContent('from Bob.')
    expect(a.text()).toBe(b.text())
    expect(a.text()).toContain('from Alice.')
    expect(a.text()).toContain('from Bob.')
    expect(a.editor.getJSON()).toEqual(b.editor.getJSON())
  })

  it('concurrent offline edits merge when the docs are linked later', () => {
    const a = peer(alice)
    const b = peer(bob)
    const unlink = linkDocs(a.doc, b.doc)
    a.editor.commands.insertContent('base')
    unlink()
    a.editor.commands.insertContent(' A-offline')
    b.editor.commands.setTextSelection(1)
    b.editor.commands.insertContent('B-offline ')
    linkDocs(a.doc, b.doc)
    expect(a.text()).toBe(b.text())
    expect(a.text()).toContain('A-offline')
    expect(a.text()).toContain('B-offline')
  })

  it('undo removes only the local user’s edits, redo brings them back', () => {
    const a = peer(alice)
    const b = peer(bob)
    linkDocs(a.doc, b.doc)
    typeAsStep(a, 'Alice one. ')
    b.editor.commands.setTextSelection(b.editor.state.doc.content.size - 1)
    typeAsStep(b, 'Bob two. ')
    a.editor.commands.setTextSelection(a.editor.state.doc.content.size - 1)
    typeAsStep(a, 'Alice three.')
    expect(a.text()).toBe('Alice one. Bob two. Alice three.')

    expect(a.editor.commands.undo()).toBe(true)
    expect(a.text()).toBe('Alice one. Bob two. ')
    expect(a.editor.commands.undo()).toBe(true)
    expect(a.text()).toBe('Bob two. ')
    // Nothing of Alice's left to undo; Bob's text is not hers to remove.
    expect(a.editor.commands.undo()).toBe(false)
    expect(b.text()).toBe('Bob two. ')

    expect(a.editor.commands.redo()).toBe(true)
    expect(b.text()).toBe('Alice one. Bob two. ')
  })

  it('a remote edit after an undo in a shrunken document keeps the editor in sync', () => {
    // y-tiptap leaves the undone step's old absolute selection in its binding; the next
    // remote change then resolved it against the smaller document and threw RangeError.
    const a = peer(alice)
    const b = peer(bob)
    linkDocs(a.doc, b.doc)
    typeAsStep(b, 'Bob wrote a long first paragraph that he will delete later. ')
    a.editor.commands.setTextSelection(a.editor.state.doc.content.size - 1)
    typeAsStep(a, 'Alice adds.')
    b.editor.chain().setTextSelection({ from: 1, to: 55 }).deleteSelection().run()
    expect(a.editor.commands.undo()).toBe(true)
    expect(() => b.editor.chain().focus('end').insertContent(' Bob again.').run()).not.toThrow()
    expect(a.editor.getJSON()).toEqual(b.editor.getJSON())
    expect(a.text()).toBe(b.text())
    expect(a.text()).not.toContain('Alice')
  })

  it('remote split after a list toggle: the view keeps the list and typing does not delete it', () => {
    // y-tiptap's node cache made Bob's view drop the list here (Yjs still had it); Bob's next
    // keystroke then wrote his view back and deleted the list for everyone.
    const docs = [new Y.Doc(), new Y.Doc()]
    docs.forEach((doc, i) => (doc.clientID = i + 1))
    const a = peer(alice, docs[0])
    const b = peer(bob, docs[1])
    linkDocs(a.doc, b.doc)
    b.editor.chain().setTextSelection(1).toggleBulletList().run()
    b.editor.chain().setTextSelection({ from: 3, to: 7 }).toggleBold().run()
    a.editor.chain().setTextSelection(7).splitBlock().run()
    expect(b.editor.getJSON().content?.[0]?.type).toBe('bulletList')
    b.editor.chain().focus('end').insertContent('Bob types').run()
    a.editor.chain().setTextSelection(3).insertContent('item').run()
    expect(xmlOf(a)).toMatch(/^<bulletlist><listitem><paragraph>item<\/paragraph>/)
    expect(a.editor.getJSON()).toEqual(b.editor.getJSON())
    expect(b.editor.storage.tandemSyncGuards.rerenders).toBeGreaterThan(0)
  })

  it('publishes the user in awareness and typing while the user types', async () => {
    const a = peer({ id: 'carol', name: 'Carol', color: '#abc' })
    expect(a.awareness.getLocalState()?.user).toEqual({
      id: 'carol',
      name: 'Carol',
      color: '#aabbcc',
    })
    a.editor.commands.insertContent('x')
    expect(a.awareness.getLocalState()?.typing).toBe(true)
    await new Promise<void>((resolve) => a.awareness.once('change', () => resolve()))
    expect(a.awareness.getLocalState()?.typing).toBe(false)
  })

  it('remote edits do not mark the local user as typing', () => {
    const a = peer(alice)
    const b = peer(bob)
    linkDocs(a.doc, b.doc)
    b.editor.commands.insertContent('Bob types')
    expect(a.text()).toBe('Bob types')
    expect(a.awareness.getLocalState()?.typing).toBeUndefined()
  })

  it('read-only refuses local changes but still shows remote ones', () => {
    const a = peer(alice)
    const b = peer(bob)
    linkDocs(a.doc, b.doc)
    a.editor.commands.insertContent('before')
    b.editor.setEditable(false)
    const xml = b.doc.getXmlFragment('content').toString()
    b.editor.commands.insertContent('sneaky')
    b.editor.chain().selectAll().toggleBold().run()
    expect(b.doc.getXmlFragment('content').toString()).toBe(xml)
    expect(a.text()).toBe('before')
    a.editor.commands.insertContent(' after')
    expect(b.text()).toBe('before after')
    expect(b.editor.getText()).toBe('before after')
  })
})
