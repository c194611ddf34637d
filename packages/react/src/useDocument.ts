import { useEffect, useMemo, useState } from 'react'
import type { DocHandle, DocStatus } from '@tandem/client'
import { TandemError } from '@tandem/schema'
import type * as Y from 'yjs'
import { useClient } from './TandemProvider.js'

/** What {@link useDocument} returns; every field is empty until the document is open. */
export interface DocumentState {
  /** The open handle, or null before the effect ran (first render), for a null name, or on error. */
  handle: DocHandle | null
  /** The shared document (`handle.doc`). */
  doc: Y.Doc | null
  /** True once the device's copy (IndexedDB) is applied: safe to render content. */
  loaded: boolean
  /** True while the current connection has finished its sync with the server. */
  synced: boolean
  /** Local changes of this document not yet acknowledged by the server. */
  unsynced: number
  /** True when the server lets this user read but not write. */
  readOnly: boolean
  /** Why the document could not be opened, or why the server refused it (stable `code`). */
  error: TandemError | null
}

type OpenState =
  | { name: string; handle: DocHandle; status: DocStatus; error: null }
  | { name: string; handle: null; status: null; error: TandemError }

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
 * unmount or when `name` changes; null opens nothing. The client ref-counts handles, so several
 * components may use one document. An invalid name is reported in `error`, not thrown.
 */
export function useDocument(name: string | null): DocumentState {
  const client = useClient()
  const [state, setState] = useState<OpenState | null>(null)

  useEffect(() => {
    if (name === null) return
    let handle: DocHandle
    try {
      handle = client.open(name)
    } catch (error) {
      if (!(error instanceof TandemError)) throw error
      setState({ name, handle: null, status: null, error })
      return
    }
    setState({ name, handle, status: handle.status, error: null })
    const off = handle.onStatus((status) =>
      setState((prev) => (prev?.handle === handle ? { ...prev, status } : prev)),
    )
    return () => {
      off()
      handle.release()
      setState(null)
    }
  }, [client, name])

  // Memoised so that consumers (contexts, effect dependencies) see a new object only when
  // something in it changed.
  return useMemo(() => toDocumentState(state, name), [state, name])
}

function toDocumentState(state: OpenState | null, name: string | null): DocumentState {
  // During the render right after `name` changed the effect has not swapped the handle yet:
  // never hand out the previous document under the new name.
  if (state === null || state.name !== name) return CLOSED
  if (state.handle === null) return { ...CLOSED, error: state.error }
  const { handle, status } = state
  return {
    handle,
    doc: handle.doc,
    loaded: status.loaded,
    synced: status.synced,
    unsynced: status.unsynced,
    readOnly: status.readOnly,
    error: status.error ?? null,
  }
}
