import { useEffect, useState } from 'react'
import type { ClientStatus } from '@tandem/client'
import { useClient } from './TandemProvider.js'

/** The client's connection state and its count of changes not yet stored by the server; live. */
export function useStatus(): ClientStatus {
  const client = useClient()
  const [status, setStatus] = useState<ClientStatus>(() => client.status)
  useEffect(() => {
    const off = client.onStatus((next) => setStatus(next))
    // The status may have moved between the render and this effect: read it once more.
    setStatus(client.status)
    return off
  }, [client])
  return status
}
