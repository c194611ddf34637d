import type { PmMark, PmNode } from './prosemirror-json.js'
import { plain } from './to-markdown.js'
import { safeUrl } from './urls.js'

/** ProseMirror JSON nodes as HTML, the way Tiptap's `getHTML()` writes them. */
export function toHtml(nodes: readonly PmNode[]): string {
  return nodes.map(node).join('')
}

function node(n: PmNode): string {
  const inner = (): string => toHtml(n.content ?? [])
  switch (n.type) {
    case 'text':
      return (n.marks ?? []).reduceRight(wrapMark, escapeHtml(n.text ?? ''))
    case 'paragraph':
      return `<p>${inner()}</p>`
    case 'heading': {
      const level = Math.min(6, Math.max(1, Number(n.attrs?.level) || 1))
      return `<h${level}>${inner()}</h${level}>`
    }
    case 'blockquote':
      return `<blockquote>${inner()}</blockquote>`
    case 'bulletList':
      return `<ul>${inner()}</ul>`
    case 'orderedList': {
      const start = Number(n.attrs?.start) || 1
      return start === 1 ? `<ol>${inner()}</ol>` : `<ol start="${start}">${inner()}</ol>`
    }
    case 'listItem':
      return `<li>${inner()}</li>`
    case 'taskList':
      return `<ul data-type="taskList">${inner()}</ul>`
    case 'taskItem': {
      const checked = n.attrs?.checked === true
      return `<li data-type="taskItem" data-checked="${checked}"><label><input type="checkbox"${checked ? ' checked' : ''}></label><div>${inner()}</div></li>`
    }
    case 'codeBlock': {
      const language = typeof n.attrs?.language === 'string' ? n.attrs.language : ''
      const cls = language ? ` class="language-${escapeHtml(language)}"` : ''
      return `<pre><code${cls}>${escapeHtml(plain(n.content ?? []))}</code></pre>`
    }
    case 'horizontalRule':
      return '<hr>'
    case 'hardBreak':
      return '<br>'
    case 'image': {
      const src = safeUrl(n.attrs?.src)
      if (!src) return ''
      const alt = typeof n.attrs?.alt === 'string' ? ` alt="${escapeHtml(n.attrs.alt)}"` : ''
      return `<img src="${escapeHtml(src)}"${alt}>`
    }
    case 'table':
      return `<table><tbody>${inner()}</tbody></table>`
    case 'tableRow':
      return `<tr>${inner()}</tr>`
    case 'tableHeader':
      return `<th>${inner()}</th>`
    case 'tableCell':
      return `<td>${inner()}</td>`
    default:
      return inner()
  }
}

function wrapMark(html: string, mark: PmMark): string {
  switch (mark.type) {
    case 'bold':
      return `<strong>${html}</strong>`
    case 'italic':
      return `<em>${html}</em>`
    case 'strike':
      return `<s>${html}</s>`
    case 'underline':
      return `<u>${html}</u>`
    case 'code':
      return `<code>${html}</code>`
    case 'link': {
      const href = safeUrl(mark.attrs?.href)
      return href ? `<a href="${escapeHtml(href)}">${html}</a>` : html
    }
    default:
      return html
  }
}

/** Escapes text for HTML content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

/** Plain text: one line per text block, list items and cells included. */
export function toText(nodes: readonly PmNode[]): string {
  const lines: string[] = []
  const walk = (list: readonly PmNode[]): void => {
    for (const n of list) {
      const content = n.content ?? []
      if (content.some((c) => c.type === 'text' || c.type === 'hardBreak'))
        lines.push(plain(content))
      else if (n.type === 'paragraph' || n.type === 'heading') lines.push('')
      else walk(content)
    }
  }
  walk(nodes)
  return lines.join('\n')
}
