import { isChangeOrigin } from '@tiptap/extension-collaboration'
import { TrailingNode } from '@tiptap/extensions'
import { Plugin } from '@tiptap/pm/state'

/**
 * TrailingNode (an empty paragraph after a final table, list or heading, so the caret can get
 * below it) that reacts to local edits only. Stock TrailingNode also answers remote changes:
 * then every peer appends its own paragraph at once and they all merge, so documents grow
 * runs of empty paragraphs, and the nested write from inside y-sync's remote-update handler
 * made y-tiptap throw "Position out of range" in our seeded convergence test.
 */
export const LocalTrailingNode = TrailingNode.extend({
  addProseMirrorPlugins() {
    return (this.parent?.() ?? []).map((plugin) => {
      const append = plugin.spec.appendTransaction
      if (!append) return plugin
      return new Plugin({
        ...plugin.spec,
        appendTransaction: (transactions, oldState, newState) =>
          transactions.every(isChangeOrigin) ? undefined : append(transactions, oldState, newState),
      })
    })
  },
})
