import { Extension } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import { Plugin, PluginKey, Selection, type EditorState } from '@tiptap/pm/state'
import { ySyncPluginKey, yUndoPluginKey } from '@tiptap/y-tiptap'
import type * as Y from 'yjs'
import { sameStructure } from './y-shape.js'

/** The parts of y-tiptap's ProsemirrorBinding these guards touch (not exported as a type). */
interface Binding {
  type: Y.XmlFragment
  mapping: Map<unknown, unknown>
  mux: (fn: () => void) => void
  beforeTransactionSelection: unknown
  _observeFunction: (events: Y.YEvent<Y.XmlFragment>[], transaction: Y.Transaction) => void
  _forceRerender(): void
  _prosemirrorChanged(doc: PMNode): void
}

/** Storage of {@link SyncGuards}: how often each repair ran (diagnostics, tests). */
export interface SyncGuardsStorage {
  /** The view was re-rendered from Yjs (it had drifted, or restoring the selection threw). */
  rerenders: number
  /** Yjs was rewritten from the view (a local edit had been written incompletely). */
  rewrites: number
}

declare module '@tiptap/core' {
  interface Storage {
    tandemSyncGuards: SyncGuardsStorage
  }
}

function bindingOf(state: EditorState): Binding | null {
  return (ySyncPluginKey.getState(state) as { binding?: Binding } | undefined)?.binding ?? null
}

/**
 * Three guards around y-tiptap 3.0.9's binding, found by the seeded convergence test. Without
 * them a remote change could throw "RangeError: Position N out of range" from inside the Yjs
 * observer; the editor then kept showing the old document while Yjs (and every peer) moved on.
 *
 * 1. After an undo, y-tiptap stores the undone step's old selection in
 *    `binding.beforeTransactionSelection`, but Yjs 13.6 emits 'stack-item-popped' after the
 *    undo transaction, so the value lingers and the next remote change resolves its stale
 *    absolute positions against a document that may have shrunk. We clear it right after.
 * 2. Restoring the selection after a remote change can still fail when the Yjs content is not
 *    schema-valid as is (concurrent structural edits). The observer is wrapped: on RangeError
 *    the document is re-rendered from Yjs, the caret put near where it was. A caret that
 *    jumps beats an editor that silently stops following the document.
 * 3. y-tiptap reuses cached ProseMirror nodes per Yjs element; after some concurrent splits
 *    and list toggles (3 steps, see "remote split after a list toggle" in the tests) the cache
 *    is wrong and the view drops a whole list that Yjs still has. The user's next keystroke
 *    then wrote the wrong view back and deleted the list for everyone. After every change we
 *    compare the block structure (O(blocks)) and repair the side that is wrong: the view after
 *    a remote change, Yjs after a local one.
 *
 * Our plugin view is created after the Collaboration plugins' views (lower priority), so the
 * binding exists and our undo listener runs after y-tiptap's.
 */
export const SyncGuards = Extension.create<Record<string, never>, SyncGuardsStorage>({
  name: 'tandemSyncGuards',

  addStorage() {
    return { rerenders: 0, rewrites: 0 }
  },

  addProseMirrorPlugins() {
    const storage = this.storage
    return [
      new Plugin({
        key: new PluginKey('tandemSyncGuards'),
        view: (view) => {
          const binding = bindingOf(view.state)
          const undoManager = (
            yUndoPluginKey.getState(view.state) as { undoManager?: Y.UndoManager } | undefined
          )?.undoManager
          if (!binding) return {}

          const observe = binding._observeFunction
          const rerender = () => {
            storage.rerenders += 1
            const { head } = view.state.selection
            // Non-null makes _forceRerender leave the selection to ProseMirror's mapping, which
            // always yields a valid one; its own clamping can land between blocks and warn.
            binding.beforeTransactionSelection ??= {}
            binding._forceRerender()
            const { doc } = view.state
            const caret = Selection.near(doc.resolve(Math.min(head, doc.content.size)))
            if (!caret.eq(view.state.selection))
              view.dispatch(view.state.tr.setSelection(caret).setMeta('addToHistory', false))
          }
          const guarded: Binding['_observeFunction'] = (events, transaction) => {
            try {
              observe(events, transaction)
            } catch (error) {
              if (!(error instanceof RangeError)) throw error
              rerender()
              return
            }
            // Checked after text-only changes too: skipping them let 4 of 60 fuzz seeds drift.
            // Cost: about +25% per keystroke at 5000 blocks (y-tiptap itself re-maps them all).
            if (sameStructure(binding.type, view.state.doc)) return
            if (transaction.origin !== ySyncPluginKey) {
              rerender()
              return
            }
            // Our own edit reached Yjs incompletely. We are inside y-tiptap's write (its mutex
            // is held), so rewrite right after it, comparing content rather than cached nodes.
            queueMicrotask(() => {
              if (view.isDestroyed || sameStructure(binding.type, view.state.doc)) return
              storage.rewrites += 1
              binding.mapping.clear()
              binding.mux(() => binding._prosemirrorChanged(view.state.doc))
            })
          }
          binding.type.unobserveDeep(observe)
          binding._observeFunction = guarded // binding.destroy() unobserves this one
          binding.type.observeDeep(guarded)

          const clearStaleSelection = () => {
            binding.beforeTransactionSelection = null
          }
          undoManager?.on('stack-item-popped', clearStaleSelection)
          return { destroy: () => undoManager?.off('stack-item-popped', clearStaleSelection) }
        },
      }),
    ]
  },
})
