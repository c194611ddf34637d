import { Marked } from 'marked'
import { htmlToJson } from './from-html.js'
import type { PmNode } from './prosemirror-json.js'

// One configured instance (GFM: tables, task lists, strikethrough), not the global `marked`.
const markdown = new Marked({ gfm: true, breaks: false, async: false })

/**
 * Parses Markdown (CommonMark + GFM) into ProseMirror JSON. Marked renders HTML and
 * {@link htmlToJson} maps it onto the editor's schema, so both import formats share one mapping
 * (and raw HTML inside Markdown is sanitised the same way).
 */
export function markdownToJson(source: string): PmNode[] {
  return htmlToJson(markdown.parse(source) as string)
}
