import type { Editor } from '@tiptap/core'
import { ok, refuse, type EditorResult } from './errors.js'
import { parseImageUrl, parseLinkUrl } from './urls.js'

/** Largest table the insert command accepts (a 1000x1000 table would freeze every peer). */
export const MAX_TABLE_SIZE = 20

/**
 * Links the selection (or the link under the caret) to what the user typed. With an empty
 * selection the address itself is inserted as linked text. Bad input changes nothing.
 */
export function applyLink(editor: Editor, input: unknown): EditorResult<string> {
  if (!editor.isEditable) return refuse('read-only')
  const parsed = parseLinkUrl(input)
  if (!parsed.ok) return parsed
  const href = parsed.value
  const chain = editor.chain().focus().extendMarkRange('link')
  const { empty } = editor.state.selection
  const done =
    empty && !editor.isActive('link')
      ? chain
          .insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href } }] })
          .run()
      : chain.setLink({ href }).run()
  return done ? ok(href) : refuse('not-applicable')
}

/** Removes the link under the caret or in the selection. */
export function removeLink(editor: Editor): EditorResult {
  if (!editor.isEditable) return refuse('read-only')
  return editor.chain().focus().extendMarkRange('link').unsetLink().run()
    ? ok(undefined)
    : refuse('not-applicable')
}

/** Inserts an image by address (http/https only) with optional alt text. */
export function insertImage(editor: Editor, input: unknown, alt?: string): EditorResult<string> {
  if (!editor.isEditable) return refuse('read-only')
  const parsed = parseImageUrl(input)
  if (!parsed.ok) return parsed
  const altText = typeof alt === 'string' ? alt.trim().slice(0, 500) : ''
  const done = editor
    .chain()
    .focus()
    .setImage({ src: parsed.value, alt: altText || undefined })
    .run()
  return done ? ok(parsed.value) : refuse('not-applicable')
}

/** Inserts a table with a header row; sizes outside 1..{@link MAX_TABLE_SIZE} are refused. */
export function insertTable(
  editor: Editor,
  size: { rows: number; cols: number } = { rows: 3, cols: 3 },
): EditorResult {
  if (!editor.isEditable) return refuse('read-only')
  const valid = (n: unknown) =>
    Number.isInteger(n) && (n as number) >= 1 && (n as number) <= MAX_TABLE_SIZE
  if (!valid(size.rows) || !valid(size.cols)) return refuse('invalid-table-size')
  const done = editor
    .chain()
    .focus()
    .insertTable({ rows: size.rows, cols: size.cols, withHeaderRow: true })
    .run()
  return done ? ok(undefined) : refuse('not-applicable')
}
