import { useMemo } from 'react'
import { boardToSvg, colorForUser, type Shape } from '@tandem/schema'
import type { BoardDiff, ShapeChange } from './api.js'

const VERB: Record<ShapeChange['change'], string> = {
  added: 'Added',
  removed: 'Removed',
  changed: 'Changed',
}

/**
 * A board version drawn read-only, and the shapes added, removed or changed since, by author.
 * The drawing is the schema's SVG serializer (every text escaped) shown as an image, so
 * nothing in it can run or reach the page.
 */
export function BoardDiffView({ board }: { board: BoardDiff }) {
  const src = useMemo(() => {
    const byId = new Map<string, Shape>(board.shapes.map((shape) => [shape.id, shape]))
    const svg = boardToSvg(board.shapes, (id) => byId.get(id) ?? null)
    return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`
  }, [board.shapes])
  return (
    <div className="history-diff">
      <img
        className="history-board"
        data-testid="version-board"
        src={src}
        alt={`The board as it was: ${board.shapes.length} shapes`}
      />
      {board.changes.length === 0 ? (
        <p className="muted history-legend">Since this version: no changes.</p>
      ) : (
        <>
          <p className="muted history-legend">Since this version:</p>
          <ul className="history-shape-changes" data-testid="shape-changes">
            {board.changes.map((change) => (
              <li
                key={`${change.change}:${change.id}`}
                className={`history-${change.change}`}
                style={{
                  borderColor: change.author ? colorForUser(change.author.id) : 'var(--muted)',
                }}
              >
                {VERB[change.change]} {change.type} by {change.author?.name ?? 'someone'}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  )
}
