import * as Y from 'yjs'

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
