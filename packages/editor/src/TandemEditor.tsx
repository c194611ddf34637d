import type { Editor } from '@tiptap/core'
import { EditorContent } from '@tiptap/react'
import { useEffect, useState } from 'react'
import type * as Y from 'yjs'
import type { Awareness } from 'y-protocols/awareness'
import { EditorToolbar } from './EditorToolbar.js'
import { useTandemEditor } from './useTandemEditor.js'
import type { EditorUser } from './user.js'

/**
 * What the editor needs from an open document. A `DocHandle` from `@tandem/client` fits, and so
 * does anything else with a Y.Doc and an Awareness (a stock HocuspocusProvider's `document` and
 * `awareness`, for instance).
 */
export interface EditorDocument {
  readonly doc: Y.Doc
  readonly awareness?: Awareness | null
  /** The connection may not write (viewer). @default false */
  readonly readOnly?: boolean
  /** Status changes; followed so a handle that turns read-only mid-session locks the editor. */
  onStatus?(listener: (status: { readonly readOnly: boolean }) => void): () => void
}

/** Props of {@link TandemEditor}: pass `handle`, or `doc` (and `awareness`) directly. */
export interface TandemEditorProps {
  /** An open document, e.g. `client.open('doc:plan')`. Ignored when `doc` is given. */
  handle?: EditorDocument
  /** The `doc:<id>` Y.Doc; takes precedence over `handle.doc`. */
  doc?: Y.Doc
  /** Presence of the document. @default handle?.awareness ?? null (no carets) */
  awareness?: Awareness | null
  /** The local user: id, display name and caret colour. */
  user: EditorUser
  /** Viewer mode: not editable, toolbar hidden. @default handle?.readOnly ?? false */
  readOnly?: boolean
  /** Text shown in an empty document. @default 'Start writing…' */
  placeholder?: string
  /** Show the formatting toolbar (never shown when read-only). @default true */
  toolbar?: boolean
  /** Accessible name of the editing area. @default 'Document' */
  label?: string
  /** Called once the editor exists (and again if it is re-created). @default undefined */
  onReady?: (editor: Editor) => void
  /** Called with the word count at start and whenever it changes. @default undefined */
  onWordCount?: (words: number) => void
  /** Extra class on the root element. @default undefined */
  className?: string
}

/** The embeddable Tandem rich-text editor: toolbar, shared content, carets of others. */
export function TandemEditor(props: TandemEditorProps) {
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
  if (!doc) throw new TypeError('TandemEditor needs a `doc` or a `handle` with a Y.Doc')
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
  })

  return (
    <div
      className={['tandem-editor', readOnly ? 'tandem-editor--readonly' : '', className]
        .filter(Boolean)
        .join(' ')}
      data-readonly={readOnly || undefined}
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
