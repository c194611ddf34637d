import type { Editor } from '@tiptap/core'

/** What the toolbar shows as pressed or available, read from the editor on every transaction. */
export interface ToolbarState {
  readonly editable: boolean
  readonly bold: boolean
  readonly italic: boolean
  readonly strike: boolean
  readonly code: boolean
  readonly paragraph: boolean
  readonly heading1: boolean
  readonly heading2: boolean
  readonly heading3: boolean
  readonly bulletList: boolean
  readonly orderedList: boolean
  readonly taskList: boolean
  readonly blockquote: boolean
  readonly codeBlock: boolean
  readonly link: boolean
  readonly table: boolean
  readonly canUndo: boolean
  readonly canRedo: boolean
}

/** Reads the {@link ToolbarState} of `editor` (a plain object, so shallow changes re-render). */
export function readToolbarState(editor: Editor): ToolbarState {
  return {
    editable: editor.isEditable,
    bold: editor.isActive('bold'),
    italic: editor.isActive('italic'),
    strike: editor.isActive('strike'),
    code: editor.isActive('code'),
    paragraph: editor.isActive('paragraph'),
    heading1: editor.isActive('heading', { level: 1 }),
    heading2: editor.isActive('heading', { level: 2 }),
    heading3: editor.isActive('heading', { level: 3 }),
    bulletList: editor.isActive('bulletList'),
    orderedList: editor.isActive('orderedList'),
    taskList: editor.isActive('taskList'),
    blockquote: editor.isActive('blockquote'),
    codeBlock: editor.isActive('codeBlock'),
    link: editor.isActive('link'),
    table: editor.isActive('table'),
    canUndo: editor.can().undo(),
    canRedo: editor.can().redo(),
  }
}

/** The platform's name for the Mod key, for shortcut hints in tooltips. */
export function modKey(): string {
  const platform = typeof navigator === 'undefined' ? '' : navigator.platform
  return /Mac|iPhone|iPad/.test(platform) ? '⌘' : 'Ctrl'
}
