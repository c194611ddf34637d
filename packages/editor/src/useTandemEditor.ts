import { CONTENT_FIELD, TandemError } from '@tandem/schema'
import type { Editor, Extensions } from '@tiptap/core'
import { useEditor } from '@tiptap/react'
import { useEffect, useMemo, useRef } from 'react'
import type * as Y from 'yjs'
import type { Awareness } from 'y-protocols/awareness'
import { tandemExtensions } from './extensions.js'
import { presenceUser, type EditorUser } from './user.js'

/** Options of {@link useTandemEditor}. */
export interface UseTandemEditorOptions {
  /** The `doc:<id>` Y.Doc; the rich text lives in its XmlFragment `field`. */
  doc: Y.Doc
  /**
   * Name of the Y.XmlFragment holding the rich text. Tandem's documents use `content`; a stock
   * Tiptap + `@hocuspocus/provider` setup writes `default` (Collaboration's default `field`).
   * @default 'content'
   */
  field?: string
  /**
   * Tiptap extensions added after Tandem's own (marks, nodes, shortcuts of your app). Pass a
   * stable array (a module constant or `useMemo`): a new array makes a new editor.
   * @default []
   */
  extensions?: Extensions
  /** Presence of the same document (carets, names, typing). @default null (no carets) */
  awareness?: Awareness | null
  /** The local user, shown to others next to the caret. */
  user: EditorUser
  /** Viewers: nothing can be changed, remote changes still appear. @default false */
  readOnly?: boolean
  /** Text shown in an empty document. @default 'Start writing…' */
  placeholder?: string
  /** Called once per editor instance, when it is ready. @default undefined */
  onReady?: (editor: Editor) => void
  /** Called with the word count at start and whenever it changes (local or remote edits). @default undefined */
  onWordCount?: (words: number) => void
  /** How long `typing: true` stays in awareness after the last keystroke. @default 1500 */
  typingIdleMs?: number
  /** Accessible name of the editing area. @default 'Document' */
  label?: string
}

/**
 * A Tiptap editor bound to a Tandem document, for apps that render their own chrome. Returns
 * null until the editor exists (server rendering). A new editor is made when the document,
 * field, awareness, placeholder or extensions change; user and read-only changes apply to the live editor.
 */
export function useTandemEditor(options: UseTandemEditorOptions): Editor | null {
  const {
    doc,
    awareness = null,
    user,
    readOnly = false,
    placeholder,
    typingIdleMs,
    label = 'Document',
    field = CONTENT_FIELD,
    extensions: extra,
  } = options
  const latest = useRef(options)
  useEffect(() => {
    latest.current = options
  })

  if (typeof field !== 'string' || field === '') {
    throw new TandemError('bad-request', `TandemEditor: field must be a non-empty string`)
  }
  const fragment = useMemo(() => doc.getXmlFragment(field), [doc, field])
  // The user at creation time; later changes go through updateUser below, so a renamed user
  // does not tear down the editor (and its undo history).
  const initialUser = useRef(user)
  const extensions = useMemo(
    () => [
      ...tandemExtensions({
        fragment,
        awareness,
        user: initialUser.current,
        placeholder,
        typingIdleMs,
      }),
      ...(extra ?? []),
    ],
    [fragment, awareness, placeholder, typingIdleMs, extra],
  )

  const editor = useEditor(
    {
      extensions,
      editable: !readOnly,
      // Toolbars subscribe with useEditorState; re-rendering the host on every keystroke is waste.
      shouldRerenderOnTransaction: false,
      editorProps: {
        attributes: {
          'data-testid': 'editor',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-label': label,
          class: 'tandem-editor__prosemirror',
        },
      },
    },
    [extensions, label],
  )

  useEffect(() => {
    if (editor && editor.isEditable === readOnly) editor.setEditable(!readOnly, false)
  }, [editor, readOnly])

  const { id, name, color } = user
  useEffect(() => {
    if (!editor || !awareness || editor.isDestroyed) return
    editor.commands.updateUser(presenceUser({ id, name, color }))
  }, [editor, awareness, id, name, color])

  useEffect(() => {
    if (!editor) return
    latest.current.onReady?.(editor)
    let words = -1
    const countWords = () => {
      const next = editor.storage.characterCount.words()
      if (next === words) return
      words = next
      latest.current.onWordCount?.(next)
    }
    countWords()
    editor.on('update', countWords)
    return () => {
      editor.off('update', countWords)
    }
  }, [editor])

  return editor
}
