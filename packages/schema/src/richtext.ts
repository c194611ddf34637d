import * as Y from 'yjs'
import { META_MAP, migrate, type Migration } from './migrations.js'
import { ORIGIN } from './origins.js'
import { MAX_TITLE_LENGTH } from './workspace.js'
import { TandemError } from './errors.js'

/** Name of the Y.XmlFragment holding the ProseMirror/Tiptap content of a `doc:` document. */
export const CONTENT_FIELD = 'content'
/** Key of the title inside the meta map. */
export const TITLE_KEY = 'title'

export const RICH_TEXT_MIGRATIONS: readonly Migration[] = [
  { version: 1, up: (doc) => void doc.getXmlFragment(CONTENT_FIELD) },
]

/** Typed access to a `doc:<id>` document: rich text in `content`, metadata in `meta`. */
export class RichTextDoc {
  readonly content: Y.XmlFragment
  readonly meta: Y.Map<unknown>
  constructor(readonly doc: Y.Doc) {
    this.content = doc.getXmlFragment(CONTENT_FIELD)
    this.meta = doc.getMap(META_MAP)
  }

  /** Runs the rich-text migrations (idempotent). */
  migrate(): number {
    return migrate(this.doc, RICH_TEXT_MIGRATIONS)
  }

  /** The document's title ('' when unset). */
  get title(): string {
    const title = this.meta.get(TITLE_KEY)
    return typeof title === 'string' ? title : ''
  }

  /** Sets the title (trimmed; at most 200 characters, longer is refused). */
  setTitle(title: string): void {
    if (typeof title !== 'string') throw new TandemError('bad-request', 'title must be a string')
    const clean = title.trim()
    if (clean.length > MAX_TITLE_LENGTH) {
      throw new TandemError('bad-request', `title longer than ${MAX_TITLE_LENGTH} characters`)
    }
    this.doc.transact(() => this.meta.set(TITLE_KEY, clean), ORIGIN.local)
  }

  /** Plain text of the content, one line per text block (for search, word count and tests). */
  plainText(): string {
    return textBlocks(this.content).join('\n')
  }
}

/** Typed accessor over a `doc:` Y.Doc. */
export function richTextDoc(doc: Y.Doc): RichTextDoc {
  return new RichTextDoc(doc)
}

/** The text of each block that directly holds text (paragraphs, headings, code blocks, cells). */
function textBlocks(node: Y.XmlFragment | Y.XmlElement): string[] {
  const children = node.toArray()
  if (children.some((child) => child instanceof Y.XmlText)) {
    const text = children.map((child) => (child instanceof Y.XmlText ? child.toDelta() : []))
    return [
      text
        .flat()
        .map((op: { insert?: unknown }) => (typeof op.insert === 'string' ? op.insert : ''))
        .join(''),
    ]
  }
  return children.flatMap((child) => (child instanceof Y.XmlElement ? textBlocks(child) : []))
}
