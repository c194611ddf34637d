import { Editor } from '@tiptap/core'
import * as Y from 'yjs'
import { Awareness } from 'y-protocols/awareness'
import { richTextDoc } from '@tandem/schema'
import { tandemExtensions } from '../extensions.js'
import type { EditorUser } from '../user.js'

/**
 * Connects two Y.Docs in memory: every update of one is applied to the other, both ways, and
 * passed on along other links (so a hub doc relays between peers, like the server does).
 * Each direction tags what it applies, so nothing is echoed back the way it came.
 */
export function linkDocs(a: Y.Doc, b: Y.Doc): () => void {
  const fromA = { link: 'a->b' }
  const fromB = { link: 'b->a' }
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a), fromA)
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b), fromB)
  const toB = (update: Uint8Array, origin: unknown) =>
    origin !== fromB && Y.applyUpdate(b, update, fromA)
  const toA = (update: Uint8Array, origin: unknown) =>
    origin !== fromA && Y.applyUpdate(a, update, fromB)
  a.on('update', toB)
  b.on('update', toA)
  return () => {
    a.off('update', toB)
    b.off('update', toA)
  }
}

/** A headless editor on its own Y.Doc with real awareness. */
export interface Peer {
  readonly doc: Y.Doc
  readonly awareness: Awareness
  readonly editor: Editor
  /** Plain text of the shared fragment, one line per block. */
  text(): string
  destroy(): void
}

/** Creates a headless Tandem editor (real Yjs, real ProseMirror, DOM from happy-dom). */
export function createPeer(user: EditorUser, doc = new Y.Doc()): Peer {
  const awareness = new Awareness(doc)
  const element = document.createElement('div')
  document.body.append(element)
  const editor = new Editor({
    element,
    extensions: tandemExtensions({
      fragment: richTextDoc(doc).content,
      awareness,
      user,
      typingIdleMs: 50,
    }),
  })
  return {
    doc,
    awareness,
    editor,
    text: () => richTextDoc(doc).plainText(),
    destroy: () => {
      editor.destroy()
      awareness.destroy()
      element.remove()
      doc.destroy()
    },
  }
}

/** Polls `check` until it returns true or `timeoutMs` passes (then throws with `what`). */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}
