import type { BoardUiState, BoardView } from './view.js'

/** Others on the board as coloured initials; pressing one follows their viewport. */
export function FollowMenu({ view, state }: { view: BoardView; state: BoardUiState }) {
  if (state.peers.length === 0) return null
  return (
    <div className="tandem-board__people" role="group" aria-label="Follow a collaborator">
      {state.peers.map((peer) => {
        const following = state.following === peer.clientId
        return (
          <button
            key={peer.clientId}
            type="button"
            className="tandem-board__person"
            style={{ background: peer.color }}
            aria-pressed={following}
            aria-label={following ? `Stop following ${peer.name}` : `Follow ${peer.name}`}
            title={following ? `Following ${peer.name} — click to stop` : `Follow ${peer.name}`}
            onClick={() => view.follow(following ? null : peer.clientId)}
          >
            {peer.name.slice(0, 1).toUpperCase()}
          </button>
        )
      })}
    </div>
  )
}
