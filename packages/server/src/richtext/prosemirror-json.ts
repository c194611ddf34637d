import * as Y from 'yjs'

/** A mark as ProseMirror JSON writes it (`bold`, `italic`, `strike`, `code`, `underline`, `link`). */
export interface PmMark {
  type: string
  attrs?: Record<string, unknown>
}

/**
 * A node as ProseMirror's `node.toJSON()` writes it, with Tiptap's StarterKit/Table/TaskList/Image
 * names (packages/editor/src/extensions.ts): `paragraph`, `heading {level}`, `blockquote`,
 * `bulletList`, `orderedList {start}`, `listItem`, `taskList`, `taskItem {checked}`,
 * `codeBlock {language}`, `horizontalRule`, `hardBreak`, `image {src, alt, title}`, `table`,
 * `tableRow`, `tableHeader`, `tableCell`, and `text {text, marks}`.
 */
export interface PmNode {
  type: string
  attrs?: Record<string, unknown>
  content?: PmNode[]
  text?: string
  marks?: PmMark[]
}

/** The content of a rich-text XmlFragment as ProseMirror JSON nodes (what y-prosemirror stores). */
export function fragmentToJson(fragment: Y.XmlFragment | Y.XmlElement): PmNode[] {
  const nodes: PmNode[] = []
  for (const child of fragment.toArray()) {
    if (child instanceof Y.XmlElement) {
      const attrs = child.getAttributes() as Record<string, unknown>
      const node: PmNode = { type: child.nodeName }
      if (Object.keys(attrs).length > 0) node.attrs = attrs
      const content = fragmentToJson(child)
      if (content.length > 0) node.content = content
      nodes.push(node)
    } else if (child instanceof Y.XmlText) {
      for (const op of child.toDelta() as {
        insert?: unknown
        attributes?: Record<string, unknown>
      }[]) {
        if (typeof op.insert !== 'string' || op.insert === '') continue
        const node: PmNode = { type: 'text', text: op.insert }
        const marks = Object.entries(op.attributes ?? {}).map(([type, attrs]) =>
          isNonEmptyObject(attrs) ? { type, attrs } : { type },
        )
        if (marks.length > 0) node.marks = marks
        nodes.push(node)
      }
    }
  }
  return nodes
}

/**
 * Appends `nodes` to `target` the way y-prosemirror would store them: an element per node
 * (attributes = node attrs), one XmlText per run of text nodes, marks as text attributes.
 * Call inside a transaction.
 */
export function appendJson(target: Y.XmlFragment | Y.XmlElement, nodes: readonly PmNode[]): void {
  const items: (Y.XmlElement | Y.XmlText)[] = []
  let run: PmNode[] = []
  const flush = (): void => {
    if (run.length === 0) return
    const text = new Y.XmlText()
    const runNodes = run
    items.push(text)
    run = []
    // Filled after insertion: a Y type's content can only be edited once it is in a document.
    pendingText.set(text, runNodes)
  }
  const pendingText = new Map<Y.XmlText, PmNode[]>()
  const pendingChildren = new Map<Y.XmlElement, PmNode[]>()
  for (const node of nodes) {
    if (node.type === 'text') {
      if (node.text) run.push(node)
      continue
    }
    flush()
    const element = new Y.XmlElement(node.type)
    for (const [key, value] of Object.entries(node.attrs ?? {})) {
      if (value !== null && value !== undefined) element.setAttribute(key, value as string)
    }
    items.push(element)
    if (node.content?.length) pendingChildren.set(element, node.content)
  }
  flush()
  target.insert(target.length, items)
  for (const [text, run] of pendingText) {
    let offset = 0
    for (const node of run) {
      const attributes: Record<string, unknown> = {}
      for (const mark of node.marks ?? []) attributes[mark.type] = mark.attrs ?? {}
      text.insert(offset, node.text ?? '', attributes)
      offset += (node.text ?? '').length
    }
  }
  for (const [element, content] of pendingChildren) appendJson(element, content)
}

/** Replaces the whole content of `fragment` with `nodes` (call inside a transaction). */
export function replaceJson(fragment: Y.XmlFragment, nodes: readonly PmNode[]): void {
  if (fragment.length > 0) fragment.delete(0, fragment.length)
  appendJson(fragment, nodes)
}

function isNonEmptyObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.keys(value).length > 0
}
