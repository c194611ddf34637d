import { Extension } from '@tiptap/core'
import { isChangeOrigin } from '@tiptap/extension-collaboration'
import { Plugin, PluginKey } from '@tiptap/pm/state'

/**
 * Makes read-only real. ProseMirror's `editable: false` only stops the keyboard and mouse;
 * commands (toolbar, host app code, paste handlers) would still change the document and
 * y-sync would write the change into the shared Y.Doc. This filter drops every local change
 * while the editor is not editable; changes arriving from Yjs still render.
 */
export const ReadOnlyGuard = Extension.create({
  name: 'tandemReadOnlyGuard',

  // Above Collaboration (1000) so our undo/redo keys are seen first.
  priority: 1100,

  addKeyboardShortcuts() {
    // Yjs undo writes to the Y.Doc directly, past the transaction filter: swallow the keys.
    const swallowWhenReadOnly = () => !this.editor.isEditable
    return {
      'Mod-z': swallowWhenReadOnly,
      'Mod-y': swallowWhenReadOnly,
      'Shift-Mod-z': swallowWhenReadOnly,
    }
  },

  addProseMirrorPlugins() {
    const editor = this.editor
    return [
      new Plugin({
        key: new PluginKey('tandemReadOnlyGuard'),
        filterTransaction: (tr) => editor.isEditable || !tr.docChanged || isChangeOrigin(tr),
      }),
    ]
  },
})
