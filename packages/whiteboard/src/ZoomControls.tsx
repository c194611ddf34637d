import type { BoardUiState, BoardView } from './view.js'

/** Zoom out / in, the zoom level (click: back to 100 %) and zoom to fit. */
export function ZoomControls({ view, state }: { view: BoardView; state: BoardUiState }) {
  const percent = Math.round(state.zoom * 100)
  return (
    <div className="tandem-board__zoom" role="group" aria-label="Zoom">
      <button
        type="button"
        aria-label="Zoom out"
        title="Zoom out — Ctrl+-"
        onClick={() => view.zoomBy(0.8)}
      >
        −
      </button>
      <button
        type="button"
        aria-label={`Zoom ${percent}%, reset to 100%`}
        title="Reset zoom — Ctrl+0"
        data-testid="board-zoom"
        onClick={() => view.resetZoom()}
      >
        {percent}%
      </button>
      <button
        type="button"
        aria-label="Zoom in"
        title="Zoom in — Ctrl++"
        onClick={() => view.zoomBy(1.25)}
      >
        +
      </button>
      <button
        type="button"
        aria-label="Zoom to fit"
        title="Zoom to fit — Shift+1"
        onClick={() => view.zoomToFit()}
      >
        Fit
      </button>
    </div>
  )
}
