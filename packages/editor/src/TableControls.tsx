import type { Editor } from '@tiptap/core'
import { ToolbarButton } from './ToolbarButton.js'

/** Row and column commands, shown while the caret is inside a table. */
export function TableControls({ editor, disabled }: { editor: Editor; disabled: boolean }) {
  const run =
    (command: (chain: ReturnType<Editor['chain']>) => ReturnType<Editor['chain']>) => () => {
      command(editor.chain().focus()).run()
    }
  return (
    <div className="tandem-toolbar__group" role="group" aria-label="Table">
      <ToolbarButton
        label="Add row above"
        disabled={disabled}
        onClick={run((c) => c.addRowBefore())}
      >
        ↥+
      </ToolbarButton>
      <ToolbarButton
        label="Add row below"
        disabled={disabled}
        onClick={run((c) => c.addRowAfter())}
      >
        ↧+
      </ToolbarButton>
      <ToolbarButton label="Delete row" disabled={disabled} onClick={run((c) => c.deleteRow())}>
        ⇳−
      </ToolbarButton>
      <ToolbarButton
        label="Add column left"
        disabled={disabled}
        onClick={run((c) => c.addColumnBefore())}
      >
        ↤+
      </ToolbarButton>
      <ToolbarButton
        label="Add column right"
        disabled={disabled}
        onClick={run((c) => c.addColumnAfter())}
      >
        ↦+
      </ToolbarButton>
      <ToolbarButton
        label="Delete column"
        disabled={disabled}
        onClick={run((c) => c.deleteColumn())}
      >
        ⇿−
      </ToolbarButton>
      <ToolbarButton
        label="Toggle header row"
        disabled={disabled}
        onClick={run((c) => c.toggleHeaderRow())}
      >
        H̲
      </ToolbarButton>
      <ToolbarButton label="Delete table" disabled={disabled} onClick={run((c) => c.deleteTable())}>
        ⊠
      </ToolbarButton>
    </div>
  )
}
