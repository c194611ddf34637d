import { Extension, type Editor } from '@tiptap/core'

type Listener = () => void

/** Storage of {@link LinkShortcut}: whoever shows a link dialog listens here. */
export interface LinkShortcutStorage {
  listeners: Set<Listener>
}

declare module '@tiptap/core' {
  interface Storage {
    tandemLinkShortcut: LinkShortcutStorage
  }
}

/**
 * Mod-k asks for a link. The editor has no UI of its own, so the key only raises a request;
 * the toolbar (or a host app's own chrome) subscribes with {@link onLinkRequest} and opens its
 * dialog. With nobody listening the key is left to the browser.
 */
export const LinkShortcut = Extension.create<Record<string, never>, LinkShortcutStorage>({
  name: 'tandemLinkShortcut',

  addStorage() {
    return { listeners: new Set() }
  },

  addKeyboardShortcuts() {
    return {
      'Mod-k': () => {
        const { listeners } = this.storage
        if (!this.editor.isEditable || listeners.size === 0) return false
        for (const listener of listeners) listener()
        return true
      },
    }
  },
})

/** Calls `listener` whenever the user asks for a link (Mod-k); returns the unsubscribe. */
export function onLinkRequest(editor: Editor, listener: Listener): () => void {
  const storage = editor.storage.tandemLinkShortcut as LinkShortcutStorage | undefined
  if (!storage) return () => undefined
  storage.listeners.add(listener)
  return () => storage.listeners.delete(listener)
}
