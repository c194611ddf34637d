import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import type { Editor, JSONContent } from '@tiptap/core'
import { yUndoPluginKey } from '@tiptap/y-tiptap'
import { StrictMode } from 'react'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness'
import { richTextDoc } from '@tandem/schema'
import type { DocHandle } from '@tandem/client'
import { EditorToolbar } from './EditorToolbar.js'
import { TandemEditor } from './TandemEditor.js'
import type { EditorDocument, TandemEditorProps } from './props.js'
import { linkDocs, waitFor } from './test-support/peers.js'

const alice = { id: 'alice', name: 'Alice', color: '#e5484d' }
const bob = { id: 'bob', name: 'Bob', color: '#0090ff' }

afterEach(() => cleanup())

// Compile-time contract (tsconfig.test.json): a @tandem/client DocHandle is an EditorDocument.
type DocHandleFits = DocHandle extends EditorDocument ? true : never
const docHandleFits: DocHandleFits = true
void docHandleFits

interface Mounted {
  doc: Y.Doc
  awareness: Awareness
  editor: Editor
  root: HTMLElement
  words: number[]
}

/** Renders a TandemEditor on a fresh Y.Doc and waits for onReady. */
async function mount(props: Partial<TandemEditorProps> = {}, doc = new Y.Doc()): Promise<Mounted> {
  const awareness = new Awareness(doc)
  let ready: Editor | null = null
  const words: number[] = []
  const { container } = render(
    <TandemEditor
      doc={doc}
      awareness={awareness}
      user={alice}
      onReady={(editor) => (ready = editor)}
      onWordCount={(n) => words.push(n)}
      {...props}
    />,
  )
  await waitFor(() => ready !== null, 'onReady')
  return { doc, awareness, editor: ready as unknown as Editor, root: container, words }
}

const xml = (doc: Y.Doc) => doc.getXmlFragment('content').toString()
const button = (root: HTMLElement, name: string) =>
  within(root).getByRole('button', { name }) as HTMLButtonElement

describe('<TandemEditor>', () => {
  it('renders the ProseMirror root with test ids, a labelled textbox and the toolbar', async () => {
    const { root } = await mount()
    const editable = within(root).getByTestId('editor')
    expect(editable.getAttribute('contenteditable')).toBe('true')
    expect(editable.getAttribute('aria-label')).toBe('Document')
    expect(within(root).getByTestId('toolbar')).toBeTruthy()
    expect(within(root).getByRole('toolbar', { name: 'Formatting' })).toBeTruthy()
  })

  it('commands and toolbar buttons change the XmlFragment; buttons report aria-pressed', async () => {
    const { doc, editor, root } = await mount()
    act(() => void editor.chain().focus().insertContent('Hello world').selectAll().run())
    expect(richTextDoc(doc).plainText()).toBe('Hello world')
    const bold = button(root, 'Bold')
    expect(bold.getAttribute('aria-pressed')).toBe('false')
    act(() => fireEvent.click(bold))
    expect(xml(doc)).toContain('<bold>Hello world</bold>')
    expect(button(root, 'Bold').getAttribute('aria-pressed')).toBe('true')
    act(() => fireEvent.click(button(root, 'Heading 1')))
    expect(xml(doc)).toContain('<heading level="1">')
    act(() => fireEvent.click(button(root, 'Insert table')))
    expect(xml(doc)).toContain('<table>')
    // Table controls appear while the caret is in the table.
    act(() => fireEvent.click(button(root, 'Add column right')))
    const table: JSONContent | undefined = editor
      .getJSON()
      .content?.find((n: JSONContent) => n.type === 'table')
    expect(table?.content?.[0]?.content).toHaveLength(4)
  })

  it('reports the word count, also for remote edits', async () => {
    const a = await mount()
    expect(a.words).toEqual([0])
    act(() => void a.editor.commands.insertContent('one two three'))
    expect(a.words.at(-1)).toBe(3)
    const remote = new Y.Doc()
    linkDocs(a.doc, remote)
    act(() => {
      const text = new Y.XmlText('four five')
      const paragraph = new Y.XmlElement('paragraph')
      paragraph.insert(0, [text])
      remote.getXmlFragment('content').push([paragraph])
    })
    await waitFor(() => a.words.at(-1) === 5, 'word count 5')
  })

  it('two editors on two linked Y.Docs converge', async () => {
    const a = await mount({ user: alice })
    const b = await mount({ user: bob })
    linkDocs(a.doc, b.doc)
    act(() => void a.editor.commands.insertContent('Alice was here. '))
    act(() => void b.editor.chain().focus('end').insertContent('Bob too.').run())
    expect(a.editor.getJSON()).toEqual(b.editor.getJSON())
    expect(a.editor.getText()).toContain('Alice was here.')
    expect(a.editor.getText()).toContain('Bob too.')
  })

  it('shows other people’s carets with their name and colour', async () => {
    const a = await mount({ user: alice })
    const b = await mount({ user: bob })
    linkDocs(a.doc, b.doc)
    act(() => void a.editor.commands.insertContent('shared text'))
    // Bob's caret goes into his awareness once his editor has focus.
    act(() => {
      b.editor.view.focus()
      b.editor.commands.setTextSelection(3)
    })
    await waitFor(() => b.awareness.getLocalState()?.cursor != null, 'Bob’s cursor in awareness')
    expect(b.awareness.getLocalState()?.user).toEqual(bob)
    // Relay Bob's awareness to Alice's, as the server does over the socket.
    act(() =>
      applyAwarenessUpdate(
        a.awareness,
        encodeAwarenessUpdate(b.awareness, [b.doc.clientID]),
        'remote',
      ),
    )
    await waitFor(
      () => a.root.querySelector('.collaboration-carets__label') !== null,
      'Bob’s caret',
    )
    const label = a.root.querySelector('.collaboration-carets__label') as HTMLElement
    expect(label.textContent).toBe('Bob')
    expect(label.getAttribute('style')).toMatch(/background-color: (#0090ff|rgb\(0, 144, 255\))/)
  })

  it('read-only: not editable, no toolbar, local commands refused, remote edits shown', async () => {
    const writer = await mount({ user: alice })
    const viewer = await mount({ user: bob, readOnly: true })
    linkDocs(writer.doc, viewer.doc)
    expect(within(viewer.root).queryByTestId('toolbar')).toBeNull()
    expect(within(viewer.root).getByTestId('editor').getAttribute('contenteditable')).toBe('false')
    act(() => void writer.editor.commands.insertContent('from the writer'))
    const before = xml(viewer.doc)
    act(() => void viewer.editor.commands.insertContent('from the viewer'))
    expect(xml(viewer.doc)).toBe(before)
    expect(viewer.editor.getText()).toBe('from the writer')
  })

  it('read-only follows the prop at run time', async () => {
    const doc = new Y.Doc()
    const awareness = new Awareness(doc)
    const { rerender, container } = render(
      <TandemEditor doc={doc} awareness={awareness} user={alice} />,
    )
    await waitFor(() => container.querySelector('[contenteditable="true"]') !== null, 'editable')
    rerender(<TandemEditor doc={doc} awareness={awareness} user={alice} readOnly />)
    await waitFor(() => container.querySelector('[contenteditable="false"]') !== null, 'read-only')
    expect(within(container).queryByTestId('toolbar')).toBeNull()
  })

  it('works under React StrictMode (double effects) without leaking a second editor', async () => {
    const doc = new Y.Doc()
    const awareness = new Awareness(doc)
    const ready: Editor[] = []
    const { container, unmount } = render(
      <StrictMode>
        <TandemEditor doc={doc} awareness={awareness} user={alice} onReady={(e) => ready.push(e)} />
      </StrictMode>,
    )
    await waitFor(() => ready.length > 0, 'onReady')
    const live = ready.at(-1)!
    act(() => void live.commands.insertContent('strict'))
    expect(richTextDoc(doc).plainText()).toBe('strict')
    expect(container.querySelectorAll('[data-testid="editor"]')).toHaveLength(1)
    unmount()
    await waitFor(() => ready.every((e) => e.isDestroyed), 'editors destroyed')
  })

  it('accepts a handle ({ doc, awareness, readOnly }) as DESIGN.md describes', async () => {
    const doc = new Y.Doc()
    const handle = { doc, awareness: new Awareness(doc), readOnly: true }
    const { container } = render(<TandemEditor handle={handle} user={alice} />)
    await waitFor(
      () => container.querySelector('[contenteditable="false"]') !== null,
      'read-only editor',
    )
    expect(handle.awareness.getLocalState()?.user).toEqual(alice)
  })

  it('follows handle.onStatus: a handle that turns read-only locks the editor', async () => {
    const doc = new Y.Doc()
    const listeners = new Set<(status: { readOnly: boolean }) => void>()
    const handle = {
      doc,
      awareness: new Awareness(doc),
      readOnly: false,
      onStatus: (listener: (status: { readOnly: boolean }) => void) => {
        listeners.add(listener)
        return () => void listeners.delete(listener)
      },
    }
    const { container, unmount } = render(<TandemEditor handle={handle} user={alice} />)
    await waitFor(() => container.querySelector('[contenteditable="true"]') !== null, 'editable')
    act(() => listeners.forEach((listener) => listener({ readOnly: true })))
    await waitFor(() => container.querySelector('[contenteditable="false"]') !== null, 'read-only')
    expect(within(container).queryByTestId('toolbar')).toBeNull()
    unmount()
    expect(listeners.size).toBe(0)
  })

  it('a separately rendered <EditorToolbar> is disabled for a read-only editor', async () => {
    const viewer = await mount({ readOnly: true, toolbar: false })
    const { container } = render(<EditorToolbar editor={viewer.editor} />)
    const buttons = within(container).getAllByRole('button') as HTMLButtonElement[]
    expect(buttons.length).toBeGreaterThan(10)
    expect(buttons.every((b) => b.disabled)).toBe(true)
  })

  it('shows the placeholder in an empty document', async () => {
    const { root } = await mount({ placeholder: 'Say something' })
    const empty = root.querySelector('p.is-editor-empty')
    expect(empty?.getAttribute('data-placeholder')).toBe('Say something')
  })

  it('keyboard: Mod-b toggles bold, Mod-z undoes, Mod-Shift-z redoes', async () => {
    const { doc, editor, root } = await mount()
    const mac = /Mac|iP(hone|[oa]d)/.test(navigator.platform)
    const mod = { ctrlKey: !mac, metaKey: mac }
    const editable = within(root).getByTestId('editor')
    act(() => void editor.chain().focus().insertContent('keys').selectAll().run())
    // A separate undo step for the bold (Yjs merges changes within 500 ms into one).
    ;(
      yUndoPluginKey.getState(editor.state) as { undoManager: Y.UndoManager }
    ).undoManager.stopCapturing()
    act(() => void fireEvent.keyDown(editable, { key: 'b', ...mod }))
    expect(xml(doc)).toContain('<bold>keys</bold>')
    act(() => void fireEvent.keyDown(editable, { key: 'z', ...mod }))
    expect(xml(doc)).toBe('<paragraph>keys</paragraph>')
    act(() => void fireEvent.keyDown(editable, { key: 'z', shiftKey: true, ...mod }))
    expect(xml(doc)).toContain('<bold>keys</bold>')
  })

  it('refuses an empty link with a clear message and changes nothing', async () => {
    const { doc, editor, root } = await mount()
    act(() => void editor.chain().focus().insertContent('text').selectAll().run())
    const before = xml(doc)
    act(() => fireEvent.click(button(root, 'Link')))
    const dialog = screen.getByRole('dialog', { name: 'Insert link' })
    act(() => fireEvent.submit(dialog))
    expect(within(dialog).getByRole('alert').textContent).toBe('Enter an address.')
    fireEvent.change(within(dialog).getByLabelText('Link address'), {
      target: { value: 'javascript:alert(1)' },
    })
    act(() => fireEvent.submit(dialog))
    expect(within(dialog).getByRole('alert').textContent).toMatch(/Only http and https/)
    expect(xml(doc)).toBe(before)
    fireEvent.change(within(dialog).getByLabelText('Link address'), {
      target: { value: 'example.com' },
    })
    act(() => fireEvent.submit(dialog))
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(xml(doc)).toContain('href="https://example.com/"')
  })

  it('Mod-k opens the link dialog', async () => {
    const { root } = await mount()
    const editable = within(root).getByTestId('editor')
    const mac = /Mac|iP(hone|[oa]d)/.test(navigator.platform)
    act(() => void fireEvent.keyDown(editable, { key: 'k', ctrlKey: !mac, metaKey: mac }))
    expect(screen.getByRole('dialog', { name: 'Insert link' })).toBeTruthy()
    act(() => fireEvent.keyDown(screen.getByLabelText('Link address'), { key: 'Escape' }))
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('refuses an invalid image URL with a clear message and changes nothing', async () => {
    const { doc, root } = await mount()
    const before = xml(doc)
    act(() => fireEvent.click(button(root, 'Image')))
    const dialog = screen.getByRole('dialog', { name: 'Insert image' })
    fireEvent.change(within(dialog).getByLabelText('Image address'), {
      target: { value: 'not an image' },
    })
    act(() => fireEvent.submit(dialog))
    expect(within(dialog).getByRole('alert').textContent).toBe('That is not a valid web address.')
    expect(xml(doc)).toBe(before)
    fireEvent.change(within(dialog).getByLabelText('Image address'), {
      target: { value: 'https://example.com/a.png' },
    })
    fireEvent.change(within(dialog).getByLabelText('Description (alt text)'), {
      target: { value: 'A' },
    })
    act(() => fireEvent.submit(dialog))
    expect(xml(doc)).toContain('src="https://example.com/a.png"')
  })

  it('undo in the toolbar removes only the local user’s text', async () => {
    const a = await mount({ user: alice })
    const b = await mount({ user: bob })
    linkDocs(a.doc, b.doc)
    act(() => void a.editor.commands.insertContent('Alice. '))
    act(() => void b.editor.chain().focus('end').insertContent('Bob.').run())
    expect(a.editor.getText()).toBe('Alice. Bob.')
    act(() => fireEvent.click(button(a.root, 'Undo')))
    expect(a.editor.getText()).toBe('Bob.')
    expect(b.editor.getText()).toBe('Bob.')
  })
})
