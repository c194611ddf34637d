import * as Y from 'yjs'
import { chatDoc, commentsDoc } from '@tandem/schema'

/**
 * The text every benchmark writes into: the first paragraph of the rich-text `content`
 * fragment, the shape Tandem's `doc:` documents have (Tiptap: paragraph > text). Created on
 * first use.
 */
export function paragraphText(doc: Y.Doc): Y.XmlText {
  const fragment = doc.getXmlFragment('content')
  const first = fragment.get(0)
  if (first instanceof Y.XmlElement) {
    const text = first.get(0)
    if (text instanceof Y.XmlText) return text
  }
  const paragraph = new Y.XmlElement('paragraph')
  const text = new Y.XmlText()
  paragraph.insert(0, [text])
  fragment.insert(0, [paragraph])
  return text
}

/** What a writer's timed edits are: keystrokes in rich text, chat messages or comment replies. */
export type ContentKind = 'text' | 'chat' | 'comment'

// Each writer replies in a thread of its own (created on its first comment).
const threads = new WeakMap<Y.Doc, string>()

/**
 * Writes one timed edit carrying `marker` into `doc`: a keystroke at a random place of the
 * first paragraph, a chat message, or a reply in a comment thread, shaped by the schema's
 * accessors as the web app writes them.
 */
export function writeMarker(doc: Y.Doc, kind: ContentKind, writer: number, marker: string): void {
  const author = { id: `bench-${writer}`, name: `Bench ${writer}` }
  switch (kind) {
    case 'text': {
      const text = paragraphText(doc)
      text.insert(Math.floor(Math.random() * (text.length + 1)), marker)
      return
    }
    case 'chat':
      chatDoc(doc).send({ author, body: marker })
      return
    case 'comment': {
      const comments = commentsDoc(doc)
      const thread = threads.get(doc)
      if (thread) {
        comments.reply(thread, { author, body: marker })
        return
      }
      const scratch = new Y.Doc().getText('t')
      scratch.insert(0, 'anchored')
      const created = comments.createThread({
        anchor: {
          start: Y.createRelativePositionFromTypeIndex(scratch, 0),
          end: Y.createRelativePositionFromTypeIndex(scratch, 8, -1),
        },
        quote: 'anchored',
        author,
        body: marker,
      })
      threads.set(doc, created.id)
      return
    }
    default: {
      const unknown: never = kind
      throw new Error(`unknown content kind ${String(unknown)}`)
    }
  }
}
