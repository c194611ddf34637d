import { useEffect } from 'react'
import type { WorkspaceState } from '@tandem/react'

/**
 * Adds the signed-in user to the workspace's member list once its local copy has loaded, so
 * others can @mention them (also offline: the join syncs later). `join` writes only when
 * something changed, so this costs nothing on later visits.
 */
export function useJoinWorkspace(
  state: Pick<WorkspaceState, 'workspace' | 'loaded' | 'readOnly'>,
  user: { id: string; name: string; color: string },
): void {
  const { workspace, loaded, readOnly } = state
  const { id, name, color } = user
  useEffect(() => {
    if (workspace && loaded && !readOnly) workspace.join({ id, name, color })
  }, [workspace, loaded, readOnly, id, name, color])
}
