import type { Editor } from '@tiptap/core'
import { Icon } from './icons.js'
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
        <Icon name="rowAbove" />
      </ToolbarButton>
      <ToolbarButton
        label="Add row below"
        disabled={disabled}
        onClick={run((c) => c.addRowAfter())}
      >
        <Icon name="rowBelow" />
      </ToolbarButton>
      <ToolbarButton label="Delete row" disabled={disabled} onClick={run((c) => c.deleteRow())}>
        <Icon name="deleteRow" />
      </ToolbarButton>
      <ToolbarButton
        label="Add column left"
        disabled={disabled}
        onClick={run((c) => c.addColumnBefore())}
      >
        <Icon name="columnLeft" />
      </ToolbarButton>
      <ToolbarButton
        label="Add column right"
        disabled={disabled}
        onClick={run((c) => c.addColumnAfter())}
      >
        <Icon name="columnRight" />
      </ToolbarButton>
      <ToolbarButton
        label="Delete column"
        disabled={disabled}
        onClick={run((c) => c.deleteColumn())}
      >
        <Icon name="deleteColumn" />
      </ToolbarButton>
      <ToolbarButton
        label="Toggle header row"
        disabled={disabled}
        onClick={run((c) => c.toggleHeaderRow())}
      >
        <Icon name="headerRow" />
      </ToolbarButton>
      <ToolbarButton label="Delete table" disabled={disabled} onClick={run((c) => c.deleteTable())}>
        <Icon name="deleteTable" />
      </ToolbarButton>
    </div>
  )
}
