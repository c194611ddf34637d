import { parseDocument } from 'htmlparser2'
import type { PmMark, PmNode } from './prosemirror-json.js'
import { safeUrl } from './urls.js'

// The parts of a domhandler node this file reads (kept structural: domhandler is not a direct
// dependency).
interface HtmlNode {
  type: string
  name?: string
  data?: string
  attribs?: Record<string, string>
  children?: HtmlNode[]
}

const SKIPPED = new Set(['script', 'style', 'head', 'title', 'template', 'noscript', 'iframe'])
const HEADINGS: Record<string, number> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 }
const MARK_TAGS: Record<string, string> = {
  strong: 'bold',
  b: 'bold',
  em: 'italic',
  i: 'italic',
  s: 'strike',
  del: 'strike',
  strike: 'strike',
  u: 'underline',
  code: 'code',
}

/**
 * Parses HTML into ProseMirror JSON that fits Tandem's editor schema: unknown tags keep their
 * text, inline content outside a block is wrapped in a paragraph, list items and cells hold
 * blocks, unsafe URLs are dropped. Never throws on malformed HTML (the parser is tolerant).
 */
export function htmlToJson(html: string): PmNode[] {
  const document = parseDocument(html, { decodeEntities: true }) as unknown as HtmlNode
  return blocks(document.children ?? [])
}

function blocks(children: readonly HtmlNode[]): PmNode[] {
  const out: PmNode[] = []
  let run: HtmlNode[] = []
  const flush = (): void => {
    const content = trimInline(inlines(run, []))
    run = []
    if (content.length > 0) out.push({ type: 'paragraph', content })
  }
  for (const child of children) {
    const block = child.type === 'tag' ? blockOf(child) : undefined
    if (block === undefined) {
      run.push(child)
      continue
    }
    flush()
    out.push(...block)
  }
  flush()
  return out
}

// The blocks an element makes, or undefined when it is inline content.
function blockOf(el: HtmlNode): PmNode[] | undefined {
  const name = el.name ?? ''
  const children = el.children ?? []
  if (SKIPPED.has(name)) return []
  if (name in HEADINGS) {
    return [withContent({ type: 'heading', attrs: { level: HEADINGS[name] } }, inlineBlock(el))]
  }
  switch (name) {
    case 'p':
      return [withContent({ type: 'paragraph' }, inlineBlock(el))]
    case 'blockquote':
      return [{ type: 'blockquote', content: nonEmptyBlocks(children) }]
    case 'ul':
    case 'ol':
      return [list(el)]
    case 'pre': {
      const code = children.find((c) => c.type === 'tag' && c.name === 'code')
      const language = /language-([\w+#-]+)/.exec(code?.attribs?.class ?? '')?.[1] ?? null
      const text = textOf(el).replace(/\n$/, '')
      return [
        withContent(
          { type: 'codeBlock', attrs: { language } },
          text ? [{ type: 'text', text }] : [],
        ),
      ]
    }
    case 'hr':
      return [{ type: 'horizontalRule' }]
    case 'img': {
      const image = imageOf(el)
      return image ? [image] : []
    }
    case 'table':
      return tableOf(el)
    case 'div':
    case 'section':
    case 'article':
    case 'main':
    case 'header':
    case 'footer':
    case 'aside':
    case 'nav':
    case 'body':
    case 'html':
    case 'figure':
    case 'details':
    case 'summary':
    case 'dl':
    case 'dd':
    case 'dt':
      return blocks(children)
    default:
      return undefined
  }
}

function list(el: HtmlNode): PmNode {
  const items = (el.children ?? []).filter((c) => c.type === 'tag' && c.name === 'li')
  const isTask =
    el.attribs?.['data-type'] === 'taskList' ||
    (items.length > 0 && items.every((li) => checkboxOf(li) !== undefined))
  if (isTask) {
    return {
      type: 'taskList',
      content: items.map((li) => ({
        type: 'taskItem',
        attrs: {
          checked:
            li.attribs?.['data-checked'] === 'true' ||
            checkboxOf(li)?.attribs?.checked !== undefined,
        },
        content: nonEmptyBlocks(withoutCheckbox(li.children ?? [])),
      })),
    }
  }
  const start = Number(el.attribs?.start)
  return {
    type: el.name === 'ol' ? 'orderedList' : 'bulletList',
    ...(el.name === 'ol' ? { attrs: { start: Number.isInteger(start) ? start : 1 } } : {}),
    content: items.map((li) => ({ type: 'listItem', content: nonEmptyBlocks(li.children ?? []) })),
  }
}

function checkboxOf(li: HtmlNode): HtmlNode | undefined {
  const find = (nodes: readonly HtmlNode[], depth: number): HtmlNode | undefined => {
    for (const n of nodes) {
      if (n.type === 'tag' && n.name === 'input' && n.attribs?.type === 'checkbox') return n
      if (depth > 0 && n.type === 'tag' && (n.name === 'label' || n.name === 'p')) {
        const found = find(n.children ?? [], depth - 1)
        if (found) return found
      }
    }
    return undefined
  }
  return li.attribs?.['data-type'] === 'taskItem' ? li : find(li.children ?? [], 1)
}

function withoutCheckbox(nodes: readonly HtmlNode[]): HtmlNode[] {
  return nodes
    .filter((n) => !(n.type === 'tag' && (n.name === 'label' || n.name === 'input')))
    .map((n) =>
      n.type === 'tag' && n.name === 'p'
        ? { ...n, children: withoutCheckbox(n.children ?? []) }
        : n,
    )
}

function tableOf(el: HtmlNode): PmNode[] {
  const rows: HtmlNode[] = []
  const collect = (nodes: readonly HtmlNode[]): void => {
    for (const n of nodes) {
      if (n.type !== 'tag') continue
      if (n.name === 'tr') rows.push(n)
      else if (n.name === 'thead' || n.name === 'tbody' || n.name === 'tfoot')
        collect(n.children ?? [])
    }
  }
  collect(el.children ?? [])
  const content = rows
    .map((tr) => ({
      type: 'tableRow',
      content: (tr.children ?? [])
        .filter((c) => c.type === 'tag' && (c.name === 'td' || c.name === 'th'))
        .map((cell) => ({
          type: cell.name === 'th' ? 'tableHeader' : 'tableCell',
          content: nonEmptyBlocks(cell.children ?? []),
        })),
    }))
    .filter((row) => row.content.length > 0)
  return content.length > 0 ? [{ type: 'table', content }] : []
}

// ProseMirror's list items, cells and quotes need at least one block.
function nonEmptyBlocks(children: readonly HtmlNode[]): PmNode[] {
  const content = blocks(children)
  return content.length > 0 ? content : [{ type: 'paragraph' }]
}

function inlineBlock(el: HtmlNode): PmNode[] {
  return trimInline(inlines(el.children ?? [], []))
}

function inlines(nodes: readonly HtmlNode[], marks: readonly PmMark[]): PmNode[] {
  const out: PmNode[] = []
  for (const n of nodes) {
    if (n.type === 'text') {
      const text = (n.data ?? '').replace(/\s+/g, ' ')
      if (text)
        out.push(
          marks.length > 0 ? { type: 'text', text, marks: [...marks] } : { type: 'text', text },
        )
      continue
    }
    if (n.type !== 'tag' || SKIPPED.has(n.name ?? '')) continue
    const name = n.name ?? ''
    if (name === 'br') {
      out.push({ type: 'hardBreak' })
      continue
    }
    if (name === 'img') continue // images are blocks in Tandem's schema (inline: false)
    let markList = marks
    const mark = MARK_TAGS[name]
    if (mark && !marks.some((m) => m.type === mark)) markList = [...marks, { type: mark }]
    if (name === 'a') {
      const href = safeUrl(n.attribs?.href)
      if (href)
        markList = [...marks.filter((m) => m.type !== 'link'), { type: 'link', attrs: { href } }]
    }
    out.push(...inlines(n.children ?? [], markList))
  }
  return out
}

// Collapsed whitespace at the edges of a block is not content.
function trimInline(nodes: PmNode[]): PmNode[] {
  const first = nodes[0]
  if (first?.type === 'text') first.text = (first.text ?? '').trimStart()
  const last = nodes[nodes.length - 1]
  if (last?.type === 'text') last.text = (last.text ?? '').trimEnd()
  return nodes.filter((n) => n.type !== 'text' || n.text !== '')
}

function imageOf(el: HtmlNode): PmNode | null {
  const src = safeUrl(el.attribs?.src)
  if (!src) return null
  return {
    type: 'image',
    attrs: { src, alt: el.attribs?.alt ?? null, title: el.attribs?.title ?? null },
  }
}

function textOf(node: HtmlNode): string {
  if (node.type === 'text') return node.data ?? ''
  if (node.name === 'br') return '\n'
  return (node.children ?? []).map(textOf).join('')
}

function withContent(node: PmNode, content: PmNode[]): PmNode {
  return content.length > 0 ? { ...node, content } : node
}
