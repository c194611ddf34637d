import { useEffect, useState } from 'react'
import { useStatus } from '@tandem/react'

/** Words for the save state; the wording is part of the product (ARCHITECTURE.md, offline). */
export function saveStateText(unsynced: number): string {
  if (unsynced === 0) return 'All changes saved to server'
  return `${unsynced} ${unsynced === 1 ? 'change' : 'changes'} saved on this device only`
}

/** Words for the connection state; "Reconnecting" only once we have been online. */
export function connectionText(
  connection: 'online' | 'connecting' | 'offline',
  wasOnline: boolean,
): string {
  switch (connection) {
    case 'online':
      return 'Online'
    case 'connecting':
      return wasOnline ? 'Reconnecting…' : 'Connecting…'
    case 'offline':
      return 'Offline'
    default:
      return assertNever(connection)
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected connection state ${String(value)}`)
}

/** Always-visible connection and save state (online/offline/reconnecting; saved where). */
export function StatusIndicator() {
  const status = useStatus()
  const connection = status.connection
  const [wasOnline, setWasOnline] = useState(connection === 'online')
  useEffect(() => {
    if (connection === 'online') setWasOnline(true)
  }, [connection])
  return (
    <div className="status" role="status" aria-live="polite" data-testid="status">
      <span
        className={`status-connection status-${connection}`}
        data-testid="connection"
        data-state={connection}
      >
        <span className="status-dot" aria-hidden="true" />
        {connectionText(connection, wasOnline)}
      </span>
      <span
        className={status.unsynced === 0 ? 'status-saved' : 'status-local'}
        data-testid="save-state"
        data-unsynced={status.unsynced}
      >
        {saveStateText(status.unsynced)}
      </span>
      {status.error ? (
        <span className="status-error" data-testid="status-error" data-code={status.error.code}>
          {status.error.message}
        </span>
      ) : null}
    </div>
  )
}
