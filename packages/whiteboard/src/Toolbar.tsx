import { useState } from 'react'
import { ToolIcon } from './icons.js'
import { TOOLS } from './tools.js'
import type { BoardUiState, BoardView } from './view.js'

/** Props of {@link BoardToolbar}. */
export interface BoardToolbarProps {
  view: BoardView
  state: BoardUiState
  /** Saves an exported file (the Whiteboard downloads it). */
  onExport: (format: 'png' | 'svg') => void
}

/** The tools (with their shortcut letters), undo/redo and export. */
export function BoardToolbar({ view, state, onExport }: BoardToolbarProps) {
  const [exportOpen, setExportOpen] = useState(false)
  const tools = state.readOnly ? TOOLS.filter((t) => t.id === 'select' || t.id === 'hand') : TOOLS
  return (
    <div className="tandem-board__toolbar" role="toolbar" aria-label="Board tools">
      {tools.map((tool) => (
        <button
          key={tool.id}
          type="button"
          className="tandem-board__tool"
          aria-label={tool.label}
          aria-keyshortcuts={tool.key.toUpperCase()}
          aria-pressed={state.tool === tool.id}
          title={`${tool.label} — ${tool.key.toUpperCase()}`}
          onClick={() => view.setTool(tool.id)}
        >
          <ToolIcon tool={tool.id} />
          <span className="tandem-board__key" aria-hidden="true">
            {tool.key.toUpperCase()}
          </span>
        </button>
      ))}
      <span className="tandem-board__sep" />
      {!state.readOnly && (
        <>
          <button
            type="button"
            className="tandem-board__tool"
            title="Undo — Ctrl+Z"
            aria-label="Undo"
            disabled={!state.canUndo}
            onClick={() => view.undo()}
          >
            ↶
          </button>
          <button
            type="button"
            className="tandem-board__tool"
            title="Redo — Ctrl+Shift+Z"
            aria-label="Redo"
            disabled={!state.canRedo}
            onClick={() => view.redo()}
          >
            ↷
          </button>
        </>
      )}
      <div className="tandem-board__menu-anchor">
        <button
          type="button"
          className="tandem-board__text-button"
          aria-haspopup="menu"
          aria-expanded={exportOpen}
          onClick={() => setExportOpen((open) => !open)}
        >
          Export
        </button>
        {exportOpen && (
          <div className="tandem-board__menu" role="menu" aria-label="Export as">
            {(['png', 'svg'] as const).map((format) => (
              <button
                key={format}
                type="button"
                role="menuitem"
                onClick={() => {
                  setExportOpen(false)
                  onExport(format)
                }}
              >
                {format.toUpperCase()} image{state.selection.length > 0 ? ' (selection)' : ''}
              </button>
            ))}
          </div>
        )}
      </div>
    </div>
  )
}
