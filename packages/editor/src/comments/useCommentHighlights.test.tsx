import { act, cleanup, fireEvent, render } from '@testing-library/react'
import type { Editor } from '@tiptap/core'
import { useState } from 'react'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { TandemEditor } from '../TandemEditor.js'
import { waitFor } from '../test-support/peers.js'
import { rangeToAnchor } from './anchors.js'
import type { HighlightedThread } from './highlights.js'
import { useCommentHighlights } from './useCommentHighlights.js'

afterEach(() => cleanup())

const user = { id: 'ada', name: 'Ada', color: '#e5484d' }

function Host(props: {
  doc: Y.Doc
  threads: HighlightedThread[]
  highlights: boolean
  onEditor: (editor: Editor) => void
  onRequest: () => void
}) {
  const [editor, setEditor] = useState<Editor | null>(null)
  return (
    <>
      <TandemEditor
        doc={props.doc}
        awareness={null}
        user={user}
        onReady={(ready) => {
          setEditor(ready)
          props.onEditor(ready)
        }}
      />
      {props.highlights ? (
        <Highlights editor={editor} threads={props.threads} onRequest={props.onRequest} />
      ) : null}
    </>
  )
}

function Highlights(props: {
  editor: Editor | null
  threads: HighlightedThread[]
  onRequest: () => void
}) {
  useCommentHighlights(props.editor, {
    threads: props.threads,
    active: props.threads[0]?.id ?? null,
    onRequestComment: props.onRequest,
  })
  return null
}

describe('useCommentHighlights', () => {
  it('adds highlights and Mod-Alt-m to a live TandemEditor, and takes them away again', async () => {
    let editor: Editor | null = null
    let requests = 0
    const props = {
      doc: new Y.Doc(),
      threads: [] as HighlightedThread[],
      onEditor: (ready: Editor) => (editor = ready),
      onRequest: () => void requests++,
    }
    const { container, rerender } = render(<Host {...props} highlights />)
    await waitFor(() => editor !== null, 'editor')
    const live = editor as unknown as Editor
    act(() => void live.commands.setContent('<p>Alpha beta gamma</p>'))
    const anchor = rangeToAnchor(live.state, { from: 7, to: 11 })
    if (!anchor) throw new Error('no anchor')
    rerender(<Host {...props} threads={[{ id: 't1', anchor }]} highlights />)
    const marked = () =>
      [...container.querySelectorAll('.tandem-comment')].map((el) => el.textContent)
    expect(marked()).toEqual(['beta'])
    expect(container.querySelector('.tandem-comment--active')?.textContent).toBe('beta')

    fireEvent.keyDown(live.view.dom, { key: 'm', code: 'KeyM', ctrlKey: true, altKey: true })
    expect(requests).toBe(1)

    rerender(<Host {...props} threads={[{ id: 't1', anchor }]} highlights={false} />)
    expect(marked()).toEqual([])
    fireEvent.keyDown(live.view.dom, { key: 'm', code: 'KeyM', ctrlKey: true, altKey: true })
    expect(requests).toBe(1)
  })
})
