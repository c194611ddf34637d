import { act, cleanup, render, within } from '@testing-library/react'
import type { DocHandle } from '@tandem/client'
import { richTextDoc } from '@tandem/schema'
import type { Editor } from '@tiptap/core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { TandemEditor } from './TandemEditor.js'
import { waitFor } from './test-support/peers.js'
import { startTestServer, type TestServer } from './test-support/server.js'

// Real server, real client, real WebSockets on 127.0.0.1: the README's embedding path.
const alice = { id: 'alice', name: 'Alice', color: '#e5484d' }
const bob = { id: 'bob', name: 'Bob', color: '#0090ff' }
const SLOW = 10_000

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => {
  await server?.close()
})
const handles: DocHandle[] = []
afterEach(() => {
  cleanup()
  for (const handle of handles.splice(0)) handle.release()
})

/** Opens `name` for `user`, renders a TandemEditor on the handle and waits for the editor. */
async function openEditor(user: typeof alice, name: string, roles?: Record<string, string>) {
  const handle = server.client(user, roles).open(name)
  handles.push(handle)
  await handle.whenSynced
  let editor: Editor | null = null
  const { container } = render(
    <TandemEditor handle={handle} user={user} onReady={(e) => (editor = e)} />,
  )
  await waitFor(() => editor !== null, 'editor ready')
  return {
    handle,
    root: container,
    editor: editor as unknown as Editor,
    text: () => richTextDoc(handle.doc).plainText(),
  }
}

describe('<TandemEditor> on a real Tandem server', () => {
  it('syncs two editors, undoes per user, and the server keeps the result', async () => {
    const a = await openEditor(alice, 'doc:editor-sync')
    const b = await openEditor(bob, 'doc:editor-sync')
    act(() => void a.editor.commands.insertContent('Alice writes. '))
    await waitFor(() => b.text() === 'Alice writes. ', 'Alice’s text at Bob', SLOW)
    act(() => void b.editor.chain().focus('end').insertContent('Bob answers.').run())
    await waitFor(() => a.text() === 'Alice writes. Bob answers.', 'Bob’s text at Alice', SLOW)

    act(() => void a.editor.commands.undo())
    expect(a.text()).toBe('Bob answers.')
    await waitFor(() => b.text() === 'Bob answers.', 'undo reaches Bob', SLOW)
    await waitFor(() => a.handle.unsynced === 0 && b.handle.unsynced === 0, 'acknowledged', SLOW)

    const late = server.client({ id: 'carol', name: 'Carol' }).open('doc:editor-sync')
    handles.push(late)
    await late.whenSynced
    expect(richTextDoc(late.doc).plainText()).toBe('Bob answers.')
  })

  it('shows a collaborator’s caret with name and colour, relayed by the server', async () => {
    const a = await openEditor(alice, 'doc:editor-carets')
    const b = await openEditor(bob, 'doc:editor-carets')
    act(() => void a.editor.commands.insertContent('some shared words'))
    await waitFor(() => b.text() === 'some shared words', 'text at Bob', SLOW)
    act(() => {
      b.editor.view.focus()
      b.editor.commands.setTextSelection(5)
    })
    await waitFor(
      () => a.root.querySelector('.collaboration-carets__label')?.textContent === 'Bob',
      'Bob’s caret at Alice',
      SLOW,
    )
  })

  it('a viewer (token role) gets a read-only editor that still follows the writer', async () => {
    const writer = await openEditor(alice, 'doc:editor-viewer')
    const viewer = await openEditor(bob, 'doc:editor-viewer', { 'doc:editor-viewer': 'viewer' })
    await waitFor(() => viewer.handle.readOnly, 'handle read-only', SLOW)
    await waitFor(
      () => within(viewer.root).getByTestId('editor').getAttribute('contenteditable') === 'false',
      'not editable',
      SLOW,
    )
    expect(within(viewer.root).queryByTestId('toolbar')).toBeNull()

    act(() => void viewer.editor.commands.insertContent('viewer tries'))
    act(() => void writer.editor.commands.insertContent('writer writes'))
    await waitFor(() => viewer.text() === 'writer writes', 'writer’s text at the viewer', SLOW)
    expect(writer.text()).toBe('writer writes')
    expect(viewer.editor.getText()).toBe('writer writes')
  })
})
