import type { EditorStatus, TandemEditorProps } from '@tandem/editor'
import { richTextDoc } from '@tandem/schema'
import * as Y from 'yjs'
import { writeWithStockProvider } from './tamperedClient.js'

/** The Tiptap editor that `onReady` hands out. */
type Editor = Parameters<NonNullable<TandemEditorProps['onReady']>>[0]

/**
 * What end-to-end tests read and do instead of going through the DOM: the Y.Doc behind each
 * embedded editor. Installed on `window.__host`.
 */
export interface HostTestHook {
  /** Plain text of the document behind the editor of `docId`. */
  text(docId: string): string
  /**
   * Appends a paragraph straight into the shared Y.Doc (the client API), past the editor's own
   * read-only guard: what a tampered client would send.
   */
  forceWrite(docId: string, text: string): void
  /** The same write from a stock Hocuspocus provider with this user's token: applied? */
  forceWriteStock(docId: string, text: string): Promise<boolean>
  /** The editor's latest status, with the error as its code. */
  status(docId: string): (Omit<EditorStatus, 'error'> & { error?: string }) | null
}

declare global {
  interface Window {
    __host?: HostTestHook
  }
}

const editors = new Map<string, Editor>()
const statuses = new Map<string, EditorStatus>()

function fragmentOf(docId: string): Y.XmlFragment {
  const editor = editors.get(docId)
  const collaboration = editor?.extensionManager.extensions.find((e) => e.name === 'collaboration')
  const fragment = (collaboration?.options as { fragment?: unknown } | undefined)?.fragment
  if (!(fragment instanceof Y.XmlFragment)) throw new Error(`no editor open for ${docId}`)
  return fragment
}

/** Registers an editor (from `onReady`). */
export function trackEditor(docId: string, editor: Editor): void {
  editors.set(docId, editor)
}

/** Records an editor's status (from `onStatus`). */
export function trackStatus(docId: string, status: EditorStatus): void {
  statuses.set(docId, status)
}

window.__host = {
  text: (docId) => {
    const doc = fragmentOf(docId).doc
    if (!doc) throw new Error(`the editor of ${docId} has no document`)
    return richTextDoc(doc).plainText()
  },
  forceWrite: (docId, text) => {
    const fragment = fragmentOf(docId)
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText(text)])
    fragment.push([paragraph])
  },
  forceWriteStock: writeWithStockProvider,
  status: (docId) => {
    const status = statuses.get(docId)
    if (!status) return null
    const { error, ...rest } = status
    return error ? { ...rest, error: error.code } : rest
  },
}
