import { FILL_COLORS, STROKE_COLORS, STROKE_WIDTHS } from './tools.js'
import type { BoardUiState, BoardView } from './view.js'

function Swatches<T extends string | number>(props: {
  label: string
  options: readonly { value: T; label: string }[]
  current: T
  onPick: (value: T) => void
  render: (value: T) => React.ReactNode
}) {
  return (
    <div className="tandem-board__swatches" role="radiogroup" aria-label={props.label}>
      {props.options.map((option) => (
        <button
          key={String(option.value)}
          type="button"
          role="radio"
          aria-checked={props.current === option.value}
          aria-label={option.label}
          title={option.label}
          onClick={() => props.onPick(option.value)}
        >
          {props.render(option.value)}
        </button>
      ))}
    </div>
  )
}

/** Stroke colour, fill, stroke width and arrange actions for new shapes and the selection. */
export function StylePanel({ view, state }: { view: BoardView; state: BoardUiState }) {
  if (state.readOnly) return null
  const selected = state.selection.length > 0
  return (
    <div className="tandem-board__panel" aria-label="Style">
      <Swatches
        label="Stroke colour"
        options={STROKE_COLORS}
        current={state.style.stroke}
        onPick={(stroke) => view.setStyle({ stroke })}
        render={(value) => <span className="tandem-board__dot" style={{ background: value }} />}
      />
      <Swatches
        label="Fill"
        options={FILL_COLORS}
        current={state.style.fill}
        onPick={(fill) => view.setStyle({ fill })}
        render={(value) => (
          <span
            className={`tandem-board__dot${value === 'none' ? ' tandem-board__dot--none' : ''}`}
            style={value === 'none' ? undefined : { background: value }}
          />
        )}
      />
      <Swatches
        label="Stroke width"
        options={STROKE_WIDTHS}
        current={state.style.strokeWidth}
        onPick={(strokeWidth) => view.setStyle({ strokeWidth })}
        render={(value) => <span className="tandem-board__bar" style={{ height: value }} />}
      />
      {selected && (
        <div className="tandem-board__actions" aria-label="Arrange">
          <button type="button" onClick={() => view.bringToFront()} title="Bring to front — ]">
            Bring to front
          </button>
          <button type="button" onClick={() => view.sendToBack()} title="Send to back — [">
            Send to back
          </button>
          <button
            type="button"
            onClick={() => view.duplicateSelection()}
            title="Duplicate — Ctrl+D"
          >
            Duplicate
          </button>
          <button type="button" onClick={() => view.deleteSelection()} title="Delete — Delete">
            Delete
          </button>
        </div>
      )}
    </div>
  )
}
