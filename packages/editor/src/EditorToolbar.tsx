import type { Editor } from '@tiptap/core'
import { useEditorState } from '@tiptap/react'
import { useEffect, useState, type KeyboardEvent } from 'react'
import { applyLink, insertImage, insertTable, removeLink } from './commands.js'
import { onLinkRequest } from './link-shortcut.js'
import { TableControls } from './TableControls.js'
import { Icon } from './icons.js'
import { modKey, readToolbarState } from './toolbar-state.js'
import { ToolbarButton } from './ToolbarButton.js'
import { UrlPrompt } from './UrlPrompt.js'

/** Props of {@link EditorToolbar}. */
export interface EditorToolbarProps {
  /** The editor to drive (from {@link useTandemEditor} or `onReady`); null renders nothing. */
  editor: Editor | null
  /** Extra class on the toolbar root. @default undefined */
  className?: string
}

type Prompt = 'link' | 'image' | null

/**
 * Formatting toolbar: marks, blocks, lists, link, image, table, undo/redo. Buttons carry
 * aria-label and aria-pressed; arrow keys move between them. Disabled when read-only.
 */
export function EditorToolbar({ editor, className }: EditorToolbarProps) {
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => (e && !e.isDestroyed ? readToolbarState(e) : null),
  })
  const [prompt, setPrompt] = useState<Prompt>(null)

  useEffect(() => (editor ? onLinkRequest(editor, () => setPrompt('link')) : undefined), [editor])

  if (!editor || !state) return null
  const off = !state.editable
  const mod = modKey()
  const chain = () => editor.chain().focus()
  const closePrompt = () => {
    setPrompt(null)
    editor.commands.focus()
  }
  const unlink = () => {
    removeLink(editor)
    closePrompt()
  }

  return (
    <div className={['tandem-toolbar', className].filter(Boolean).join(' ')} data-testid="toolbar">
      <div
        className="tandem-toolbar__bar"
        role="toolbar"
        aria-label="Formatting"
        onKeyDown={moveFocus}
      >
        <div className="tandem-toolbar__group" role="group" aria-label="History">
          <ToolbarButton
            label="Undo"
            shortcut={`${mod}+Z`}
            disabled={off || !state.canUndo}
            onClick={() => chain().undo().run()}
          >
            <Icon name="undo" />
          </ToolbarButton>
          <ToolbarButton
            label="Redo"
            shortcut={`${mod}+Shift+Z`}
            disabled={off || !state.canRedo}
            onClick={() => chain().redo().run()}
          >
            <Icon name="redo" />
          </ToolbarButton>
        </div>
        <div className="tandem-toolbar__group" role="group" aria-label="Text style">
          <ToolbarButton
            label="Bold"
            shortcut={`${mod}+B`}
            pressed={state.bold}
            disabled={off}
            onClick={() => chain().toggleBold().run()}
          >
            <Icon name="bold" />
          </ToolbarButton>
          <ToolbarButton
            label="Italic"
            shortcut={`${mod}+I`}
            pressed={state.italic}
            disabled={off}
            onClick={() => chain().toggleItalic().run()}
          >
            <Icon name="italic" />
          </ToolbarButton>
          <ToolbarButton
            label="Strikethrough"
            shortcut={`${mod}+Shift+S`}
            pressed={state.strike}
            disabled={off}
            onClick={() => chain().toggleStrike().run()}
          >
            <Icon name="strike" />
          </ToolbarButton>
          <ToolbarButton
            label="Inline code"
            shortcut={`${mod}+E`}
            pressed={state.code}
            disabled={off}
            onClick={() => chain().toggleCode().run()}
          >
            <Icon name="code" />
          </ToolbarButton>
          <ToolbarButton
            label="Link"
            shortcut={`${mod}+K`}
            pressed={state.link}
            disabled={off}
            onClick={() => setPrompt(prompt === 'link' ? null : 'link')}
          >
            <Icon name="link" />
          </ToolbarButton>
        </div>
        <div className="tandem-toolbar__group" role="group" aria-label="Blocks">
          <ToolbarButton
            label="Heading 1"
            pressed={state.heading1}
            disabled={off}
            onClick={() => chain().toggleHeading({ level: 1 }).run()}
          >
            H1
          </ToolbarButton>
          <ToolbarButton
            label="Heading 2"
            pressed={state.heading2}
            disabled={off}
            onClick={() => chain().toggleHeading({ level: 2 }).run()}
          >
            H2
          </ToolbarButton>
          <ToolbarButton
            label="Heading 3"
            pressed={state.heading3}
            disabled={off}
            onClick={() => chain().toggleHeading({ level: 3 }).run()}
          >
            H3
          </ToolbarButton>
          <ToolbarButton
            label="Quote"
            pressed={state.blockquote}
            disabled={off}
            onClick={() => chain().toggleBlockquote().run()}
          >
            <Icon name="quote" />
          </ToolbarButton>
          <ToolbarButton
            label="Code block"
            pressed={state.codeBlock}
            disabled={off}
            onClick={() => chain().toggleCodeBlock().run()}
          >
            <Icon name="codeBlock" />
          </ToolbarButton>
        </div>
        <div className="tandem-toolbar__group" role="group" aria-label="Lists">
          <ToolbarButton
            label="Bullet list"
            pressed={state.bulletList}
            disabled={off}
            onClick={() => chain().toggleBulletList().run()}
          >
            <Icon name="bulletList" />
          </ToolbarButton>
          <ToolbarButton
            label="Numbered list"
            pressed={state.orderedList}
            disabled={off}
            onClick={() => chain().toggleOrderedList().run()}
          >
            <Icon name="orderedList" />
          </ToolbarButton>
          <ToolbarButton
            label="Task list"
            pressed={state.taskList}
            disabled={off}
            onClick={() => chain().toggleTaskList().run()}
          >
            <Icon name="taskList" />
          </ToolbarButton>
        </div>
        <div className="tandem-toolbar__group" role="group" aria-label="Insert">
          <ToolbarButton
            label="Image"
            disabled={off}
            onClick={() => setPrompt(prompt === 'image' ? null : 'image')}
          >
            <Icon name="image" />
          </ToolbarButton>
          <ToolbarButton
            label="Insert table"
            disabled={off || state.table}
            onClick={() => insertTable(editor)}
          >
            <Icon name="table" />
          </ToolbarButton>
        </div>
        {state.table && <TableControls editor={editor} disabled={off} />}
      </div>
      {prompt === 'link' && !off && (
        <UrlPrompt
          title={state.link ? 'Edit link' : 'Insert link'}
          urlLabel="Link address"
          initialUrl={state.link ? String(editor.getAttributes('link').href ?? '') : ''}
          onSubmit={(url) => applyLink(editor, url)}
          secondary={state.link ? { label: 'Remove link', onClick: () => unlink() } : undefined}
          onClose={closePrompt}
        />
      )}
      {prompt === 'image' && !off && (
        <UrlPrompt
          title="Insert image"
          urlLabel="Image address"
          withAlt
          submitLabel="Insert"
          onSubmit={(url, alt) => insertImage(editor, url, alt)}
          onClose={closePrompt}
        />
      )}
    </div>
  )
}

/** Arrow keys, Home and End move focus between toolbar buttons (WAI-ARIA toolbar pattern). */
function moveFocus(event: KeyboardEvent<HTMLDivElement>): void {
  const keys = ['ArrowLeft', 'ArrowRight', 'Home', 'End']
  if (!keys.includes(event.key)) return
  const buttons = Array.from(
    event.currentTarget.querySelectorAll<HTMLButtonElement>('button:not(:disabled)'),
  )
  if (buttons.length === 0) return
  const current = buttons.indexOf(document.activeElement as HTMLButtonElement)
  const last = buttons.length - 1
  const next =
    event.key === 'Home'
      ? 0
      : event.key === 'End'
        ? last
        : event.key === 'ArrowRight'
          ? (current + 1) % buttons.length
          : (current - 1 + buttons.length) % buttons.length
  event.preventDefault()
  buttons[next]?.focus()
}
