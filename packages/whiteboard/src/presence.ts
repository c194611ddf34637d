import type { Awareness } from 'y-protocols/awareness'

/** Someone else on the board: where their pointer is and what they have selected. */
export interface BoardPeer {
  readonly clientId: number
  readonly name: string
  readonly color: string
  /** Board coordinates of their pointer, or null when it is off the board. */
  readonly pointer: { readonly x: number; readonly y: number } | null
  /** Ids of the shapes they have selected. */
  readonly selection: readonly string[]
  /** The board area their screen shows, for "follow". */
  readonly viewport: {
    readonly x: number
    readonly y: number
    readonly w: number
    readonly h: number
  } | null
}

const MAX_SELECTION_SHOWN = 1_000

function readViewport(value: unknown): BoardPeer['viewport'] {
  if (typeof value !== 'object' || value === null) return null
  const { x, y, w, h } = value as Record<string, unknown>
  const ok = [x, y, w, h].every((n) => typeof n === 'number' && Number.isFinite(n))
  return ok && (w as number) > 0 && (h as number) > 0
    ? { x: x as number, y: y as number, w: w as number, h: h as number }
    : null
}

function readPointer(value: unknown): BoardPeer['pointer'] {
  if (typeof value !== 'object' || value === null) return null
  const { x, y } = value as Record<string, unknown>
  return typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y)
    ? { x, y }
    : null
}

/**
 * Other people's board presence from awareness (`pointer`, `selection` and `viewport`, next to the `user`
 * that packages/react announces). Malformed states from other clients are read defensively.
 */
export function readBoardPeers(awareness: Awareness): BoardPeer[] {
  const peers: BoardPeer[] = []
  for (const [clientId, state] of awareness.getStates()) {
    if (clientId === awareness.clientID) continue
    const { user, pointer, selection, viewport } = state as Record<string, unknown>
    if (typeof user !== 'object' || user === null) continue
    const { name, color } = user as Record<string, unknown>
    if (typeof name !== 'string') continue
    peers.push({
      clientId,
      name,
      color: typeof color === 'string' ? color : '#888888',
      pointer: readPointer(pointer),
      selection: Array.isArray(selection)
        ? selection
            .filter((id): id is string => typeof id === 'string')
            .slice(0, MAX_SELECTION_SHOWN)
        : [],
      viewport: readViewport(viewport),
    })
  }
  return peers
}
