import { useCallback, useSyncExternalStore } from 'react'
import type { ClientStatus } from '@tandem/client'
import { useClient } from './TandemProvider.js'

/**
 * The client's connection state and its count of changes not yet stored by the server; live.
 * `client.status` is a new object only when something changed, so it is a valid snapshot.
 */
export function useStatus(): ClientStatus {
  const client = useClient()
  const subscribe = useCallback((onChange: () => void) => client.onStatus(onChange), [client])
  const read = useCallback(() => client.status, [client])
  return useSyncExternalStore(subscribe, read, read)
}
