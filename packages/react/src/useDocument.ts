import { useEffect, useState } from 'react'
import type { DocHandle } from '@tandem/client'
import type * as Y from 'yjs'
import { useClient } from './TandemProvider.js'

/** What {@link useDocument} returns; every field is empty until the document is open. */
export interface DocumentState {
  /** The open handle, or null before the effect ran (first render) or when `name` is null. */
  handle: DocHandle | null
  /** The shared document (`handle.doc`). */
  doc: Y.Doc | null
  /** True once the local copy (IndexedDB) has been applied: safe to render content. */
  loaded: boolean
  /** True once the document has fully synced with the server at least once. */
  synced: boolean
  /** Local changes of this document not yet acknowledged by the server. */
  unsynced: number
  /** True when the server allows this user to read but not to write. */
  readOnly: boolean
  /** Set when loading the local copy failed (the document still works, from the server). */
  error: Error | null
}

interface OpenState {
  name: string
  handle: DocHandle
  loaded: boolean
  synced: boolean
  unsynced: number
  readOnly: boolean
  error: Error | null
}

const CLOSED: DocumentState = {
  handle: null,
  doc: null,
  loaded: false,
  synced: false,
  unsynced: 0,
  readOnly: false,
  error: null,
}

/**
 * Opens the document `name` (e.g. `doc:abc`) while the component is mounted and releases it on
 * unmount or when `name` changes. Pass null to open nothing. The client ref-counts handles, so
 * several components may use the same document.
 */
export function useDocument(name: string | null): DocumentState {
  const client = useClient()
  const [state, setState] = useState<OpenState | null>(null)

  useEffect(() => {
    if (name === null) return
    const handle = client.open(name)
    let live = true
    const update = (patch: Partial<OpenState>) => {
      if (!live) return
      setState((prev) => (prev?.handle === handle ? { ...prev, ...patch } : prev))
    }
    setState({
      name,
      handle,
      loaded: false,
      synced: false,
      unsynced: handle.unsynced,
      readOnly: handle.readOnly,
      error: null,
    })
    handle.whenLoaded.then(
      () => update({ loaded: true }),
      // A broken local store must not hide the document: it still loads from the server.
      (error: unknown) => update({ loaded: true, error: asError(error) }),
    )
    handle.whenSynced.then(
      () => update({ synced: true }),
      (error: unknown) => update({ error: asError(error) }),
    )
    const off = handle.onStatus(() =>
      update({ unsynced: handle.unsynced, readOnly: handle.readOnly }),
    )
    return () => {
      live = false
      off()
      handle.release()
      setState(null)
    }
  }, [client, name])

  // During the render right after `name` changed the effect has not swapped the handle yet:
  // never hand out the previous document under the new name.
  if (state === null || state.name !== name) return CLOSED
  return { ...state, doc: state.handle.doc }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error))
}
