import { useStatus } from '@tandem/react'
import { useMe } from '../session/me.js'

/**
 * Shown when the server no longer accepts this device's token (expired, or the server's
 * secret changed). Signing in again keeps every change: they are on this device and sync then.
 */
export function SessionBanner() {
  const { error } = useStatus()
  const me = useMe()
  if (error?.code !== 'unauthorized' && error?.code !== 'token-expired') return null
  return (
    <div className="banner session-banner" role="alert" data-testid="session-banner">
      <span>
        Your session has ended. Your changes are safe on this device and sync once you sign in
        again.
      </span>
      <button type="button" className="button small primary" onClick={me.signOut}>
        Sign in again
      </button>
    </div>
  )
}
