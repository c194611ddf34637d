import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react'
import { useLocalPresence, useWorkspace, type WorkspaceState } from '@tandem/react'
import type { WorkspaceItemKind } from '@tandem/schema'
import { WORKSPACE_ID } from './config.js'
import { useJoinWorkspace } from './conversation/join.js'
import { navigate } from './routing/router.js'
import { useMe } from './session/me.js'

/** The app's workspace plus the one action used from many places: create and open an item. */
export interface AppWorkspace extends WorkspaceState {
  /** Creates a document or board (works offline) and navigates to it; null until loaded. */
  createItem: ((kind: WorkspaceItemKind) => void) | null
}

const WorkspaceContext = createContext<AppWorkspace | null>(null)

/** Opens the app's workspace once for the whole signed-in UI. */
export function WorkspaceProvider({ children }: { children: ReactNode }) {
  const state = useWorkspace(WORKSPACE_ID)
  const { user, status } = useMe()
  // Present in the workspace for as long as the app is open, whatever page is showing.
  useLocalPresence(state.handle, { user, status })
  // On the member list, so others can @mention this user (works offline, syncs later).
  useJoinWorkspace(state, user)
  const { workspace, loaded, readOnly } = state
  const create = useCallback(
    (kind: WorkspaceItemKind) => {
      if (!workspace) return
      const entry = workspace.create({ kind, createdBy: user.id })
      navigate(`/${kind}/${entry.id}`)
    },
    [workspace, user.id],
  )
  const value = useMemo(
    () => ({ ...state, createItem: workspace && loaded && !readOnly ? create : null }),
    [state, workspace, loaded, readOnly, create],
  )
  return <WorkspaceContext.Provider value={value}>{children}</WorkspaceContext.Provider>
}

/** The app's workspace; only used below {@link WorkspaceProvider}. */
export function useAppWorkspace(): AppWorkspace {
  const value = useContext(WorkspaceContext)
  if (!value) throw new Error('useAppWorkspace(): no <WorkspaceProvider> above this component')
  return value
}
