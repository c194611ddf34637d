import { useEffect, useMemo, useState } from 'react'
import type { WorkspaceState } from '@tandem/react'
import type { WorkspaceMember } from '@tandem/schema'
import { useAppWorkspace } from '../workspace.js'

/** The workspace's members (for @mentions and names), live, with a lookup by id. */
export interface Members {
  list: WorkspaceMember[]
  nameOf: (userId: string) => string | null
  colorOf: (userId: string) => string | null
}

/** The members of the app's workspace; works offline (they live in `workspace:<id>`). */
export function useMembers(): Members {
  const { workspace } = useAppWorkspace()
  const [list, setList] = useState<WorkspaceMember[]>([])
  useEffect(() => {
    if (!workspace) return
    const read = () => setList(workspace.memberList())
    read()
    workspace.members.observe(read)
    return () => workspace.members.unobserve(read)
  }, [workspace])
  return useMemo(() => {
    const byId = new Map(list.map((member) => [member.id, member]))
    return {
      list,
      nameOf: (id) => byId.get(id)?.name ?? null,
      colorOf: (id) => byId.get(id)?.color ?? null,
    }
  }, [list])
}

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
