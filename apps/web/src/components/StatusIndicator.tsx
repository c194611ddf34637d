import { useStatus } from '@tandem/react'

/** Words for the save state; the wording is part of the product (ARCHITECTURE.md, offline). */
export function saveStateText(unsynced: number): string {
  if (unsynced === 0) return 'All changes saved to server'
  return `${unsynced} ${unsynced === 1 ? 'change' : 'changes'} saved on this device only`
}

const CONNECTION_TEXT = {
  online: 'Online',
  connecting: 'Reconnecting…',
  offline: 'Offline',
} as const

/** Always-visible connection and save state (online/offline/reconnecting; saved where). */
export function StatusIndicator() {
  const status = useStatus()
  const connection = status.connection
  return (
    <div className="status" role="status" aria-live="polite" data-testid="status">
      <span
        className={`status-connection status-${connection}`}
        data-testid="connection"
        data-state={connection}
      >
        <span className="status-dot" aria-hidden="true" />
        {CONNECTION_TEXT[connection]}
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
