import type { Node as PMNode } from '@tiptap/pm/model'
import * as Y from 'yjs'

/**
 * True when the Yjs tree has the same block structure as the ProseMirror document: same node
 * names and child counts down to the text blocks, whose inline content is not compared (that
 * keeps it O(blocks), far cheaper than converting the fragment). An empty fragment matches:
 * ProseMirror shows one paragraph for it.
 */
export function sameStructure(y: Y.XmlFragment | Y.XmlElement, node: PMNode): boolean {
  if (node.isTextblock || node.isAtom) return true
  if (y instanceof Y.XmlFragment && y.length === 0) return true
  if (y.length !== node.childCount) return false
  const children = y.toArray()
  for (let index = 0; index < children.length; index++) {
    const yChild = children[index]
    const pmChild = node.child(index)
    if (!(yChild instanceof Y.XmlElement) || yChild.nodeName !== pmChild.type.name) return false
    if (!sameStructure(yChild, pmChild)) return false
  }
  return true
}
