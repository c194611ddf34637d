import { useEffect, useMemo, useState } from 'react'
import { workspaceDoc, type WorkspaceDoc, type WorkspaceEntry } from '@tandem/schema'
import { useDocument, type DocumentState } from './useDocument.js'

/** What {@link useWorkspace} returns. */
export interface WorkspaceState extends DocumentState {
  /** Typed accessor to create, rename, trash and restore items; null until open. */
  workspace: WorkspaceDoc | null
  /** Every item, trashed ones included, newest first; live. Filter with `entry.trashed`. */
  entries: WorkspaceEntry[]
}

/**
 * Opens `workspace:<id>` and returns its typed document index, updated on every local or
 * remote change. An invalid id is reported in `error` (code `invalid-document-name`). Runs the workspace migrations once the local copy has loaded (not for
 * read-only users, whose writes the server would refuse).
 */
export function useWorkspace(id: string | null): WorkspaceState {
  // Not docName(), which throws: an invalid id comes back as `error`, as in useDocument.
  const state = useDocument(id === null ? null : `workspace:${id}`)
  const { doc, loaded, readOnly } = state
  const workspace = useMemo(() => (doc ? workspaceDoc(doc) : null), [doc])
  const [entries, setEntries] = useState<{ of: WorkspaceDoc; list: WorkspaceEntry[] } | null>(null)

  useEffect(() => {
    if (!workspace) return
    const read = () => setEntries({ of: workspace, list: workspace.list({ includeTrashed: true }) })
    read()
    return workspace.observe(read)
  }, [workspace])

  useEffect(() => {
    if (workspace && loaded && !readOnly) workspace.migrate()
  }, [workspace, loaded, readOnly])

  const list = entries !== null && entries.of === workspace ? entries.list : EMPTY
  return useMemo(() => ({ ...state, workspace, entries: list }), [state, workspace, list])
}

const EMPTY: WorkspaceEntry[] = []
