import type { PmMark, PmNode } from './prosemirror-json.js'

/** ProseMirror JSON nodes as CommonMark + GFM (tables, task lists, strikethrough). */
export function toMarkdown(nodes: readonly PmNode[]): string {
  const text = blocks(nodes, false)
  return text === '' ? '' : `${text}\n`
}

// Blocks are separated by a blank line, items of a tight list by a newline.
function blocks(nodes: readonly PmNode[], tight: boolean): string {
  return nodes
    .map(block)
    .filter((b) => b !== null)
    .join(tight ? '\n' : '\n\n')
}

function block(node: PmNode): string | null {
  const content = node.content ?? []
  switch (node.type) {
    case 'paragraph':
      return inline(content)
    case 'heading': {
      const level = Math.min(6, Math.max(1, Number(node.attrs?.level) || 1))
      return `${'#'.repeat(level)} ${inline(content)}`
    }
    case 'blockquote':
      return prefixLines(blocks(content, false), '> ', '>')
    case 'bulletList':
      return list(content, () => '- ')
    case 'orderedList': {
      const start = Number(node.attrs?.start) || 1
      return list(content, (i) => `${start + i}. `)
    }
    case 'taskList':
      return list(content, (_, item) => (item.attrs?.checked === true ? '- [x] ' : '- [ ] '))
    case 'codeBlock': {
      const code = plain(content)
      const fence = code.includes('```') ? '~~~~' : '```'
      const language = typeof node.attrs?.language === 'string' ? node.attrs.language : ''
      return `${fence}${language}\n${code}\n${fence}`
    }
    case 'horizontalRule':
      return '---'
    case 'image':
      return image(node)
    case 'table':
      return table(content)
    default:
      // Unknown block (a newer editor's node): keep its text rather than drop it.
      return content.length > 0 ? blocks(content, false) : null
  }
}

function list(items: readonly PmNode[], marker: (index: number, item: PmNode) => string): string {
  return items
    .map((item, i) => {
      const bullet = marker(i, item)
      return prefixLines(blocks(item.content ?? [], false), bullet, ' '.repeat(bullet.length), true)
    })
    .join('\n')
}

// Prefixes the first line with `first` and the others with `rest` (blank lines get `blank`).
function prefixLines(text: string, first: string, rest: string, firstOnly = false): string {
  return text
    .split('\n')
    .map((line, i) => {
      if (i === 0) return first + line
      if (line === '') return firstOnly ? '' : rest.trimEnd()
      return (firstOnly ? rest : first) + line
    })
    .join('\n')
}

function table(rows: readonly PmNode[]): string {
  const cells = rows.map((row) =>
    (row.content ?? []).map((cell) =>
      (cell.content ?? [])
        .map((p) => inline(p.content ?? []))
        .join(' ')
        .replace(/\|/g, '\\|'),
    ),
  )
  const width = Math.max(1, ...cells.map((r) => r.length))
  const line = (r: string[]): string =>
    `| ${Array.from({ length: width }, (_, i) => r[i] ?? '').join(' | ')} |`
  const [head = [], ...body] = cells
  return [line(head), `|${' --- |'.repeat(width)}`, ...body.map(line)].join('\n')
}

function image(node: PmNode): string {
  const alt = typeof node.attrs?.alt === 'string' ? node.attrs.alt : ''
  const src = typeof node.attrs?.src === 'string' ? node.attrs.src : ''
  return `![${escapeText(alt)}](${src.replace(/[()\s]/g, encodeURIComponent)})`
}

// Marks open in a fixed order and close innermost first, so `**a *b***` round-trips.
const MARK_ORDER = ['link', 'bold', 'italic', 'strike', 'underline', 'code']

function inline(nodes: readonly PmNode[]): string {
  let out = ''
  let open: PmMark[] = []
  const close = (keep: number): void => {
    while (open.length > keep) out += closeMark(open.pop() as PmMark)
  }
  for (const node of nodes) {
    if (node.type === 'hardBreak') {
      close(0)
      out += '\\\n'
      continue
    }
    if (node.type === 'image') {
      out += image(node)
      continue
    }
    if (node.type !== 'text' || !node.text) continue
    const marks = [...(node.marks ?? [])].sort(
      (a, b) => MARK_ORDER.indexOf(a.type) - MARK_ORDER.indexOf(b.type),
    )
    let keep = 0
    while (keep < open.length && sameMark(open[keep], marks[keep])) keep++
    close(keep)
    for (const mark of marks.slice(keep)) {
      out += openMark(mark)
      open.push(mark)
    }
    const isCode = open.some((m) => m.type === 'code')
    out += isCode ? node.text : escapeText(node.text)
  }
  close(0)
  open = []
  return out
}

function sameMark(a: PmMark | undefined, b: PmMark | undefined): boolean {
  return !!a && !!b && a.type === b.type && a.attrs?.href === b.attrs?.href
}

function openMark(mark: PmMark): string {
  switch (mark.type) {
    case 'bold':
      return '**'
    case 'italic':
      return '_'
    case 'strike':
      return '~~'
    case 'code':
      return '`'
    case 'link':
      return '['
    default:
      return ''
  }
}

function closeMark(mark: PmMark): string {
  if (mark.type === 'link') {
    const href = typeof mark.attrs?.href === 'string' ? mark.attrs.href : ''
    return `](${href.replace(/[()\s]/g, encodeURIComponent)})`
  }
  return openMark(mark)
}

// Backslash-escapes what Markdown would read as syntax inside a text run.
function escapeText(text: string): string {
  return text
    .replace(/[\\`*_[\]~<>|]/g, '\\$&')
    .replace(/^(#{1,6} |[-+] |>)/, '\\$1')
    .replace(/^(\d+)([.)] )/, '$1\\$2')
}

/** The text of nodes without any formatting (code blocks, cells). */
export function plain(nodes: readonly PmNode[]): string {
  return nodes
    .map((n) => (n.type === 'text' ? (n.text ?? '') : n.type === 'hardBreak' ? '\n' : ''))
    .join('')
}
