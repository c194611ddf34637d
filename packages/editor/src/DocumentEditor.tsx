import { EditorContent } from '@tiptap/react'
import { useEffect, useState } from 'react'
import { EditorToolbar } from './EditorToolbar.js'
import type { EditorDocument, TandemEditorProps } from './props.js'
import { useTandemEditor } from './useTandemEditor.js'

/** The editor over a Y.Doc the host (or ConnectedEditor) opened. */
export function DocumentEditor(props: TandemEditorProps) {
  const {
    handle,
    user,
    placeholder,
    toolbar = true,
    label,
    onReady,
    onWordCount,
    className,
  } = props
  const doc = props.doc ?? handle?.doc
  if (!doc) throw new TypeError('TandemEditor needs `serverUrl` + `docId`, a `doc` or a `handle`')
  const awareness = props.awareness !== undefined ? props.awareness : (handle?.awareness ?? null)
  const handleReadOnly = useHandleReadOnly(handle)
  const readOnly = props.readOnly ?? handleReadOnly
  const editor = useTandemEditor({
    doc,
    awareness,
    user,
    readOnly,
    placeholder,
    label,
    onReady,
    onWordCount,
    field: props.field,
    extensions: props.extensions,
  })

  return (
    <div
      className={['tandem-editor', readOnly ? 'tandem-editor--readonly' : '', className]
        .filter(Boolean)
        .join(' ')}
      data-readonly={readOnly || undefined}
      data-theme={themeAttribute(props.theme)}
    >
      {toolbar && !readOnly && <EditorToolbar editor={editor} />}
      <EditorContent editor={editor} className="tandem-editor__content" />
    </div>
  )
}

/** `handle.readOnly`, kept current through `handle.onStatus` when the handle has it. */
function useHandleReadOnly(handle: EditorDocument | undefined): boolean {
  const [readOnly, setReadOnly] = useState(handle?.readOnly ?? false)
  useEffect(() => {
    setReadOnly(handle?.readOnly ?? false)
    return handle?.onStatus?.((status) => setReadOnly(status.readOnly))
  }, [handle])
  return readOnly
}

/** The root's `data-theme`: none for `auto` (the stylesheet follows the system). */
export function themeAttribute(theme: TandemEditorProps['theme']): 'light' | 'dark' | undefined {
  return theme === 'light' || theme === 'dark' ? theme : undefined
}
