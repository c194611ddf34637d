import { useEffect, useMemo, useState } from 'react'
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
