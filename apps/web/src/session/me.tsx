import { createContext, useContext, useMemo, useState, type ReactNode } from 'react'
import type { PresenceStatus } from '@tandem/react'
import { useActivityStatus } from '../presence/useActivityStatus.js'
import type { Session } from './session.js'

/** The signed-in user as the UI needs them: identity, presence status and the busy switch. */
export interface Me {
  user: Session['user']
  /** The session token, for the server's REST API (history, export). */
  token: string
  status: PresenceStatus
  busy: boolean
  setBusy: (busy: boolean) => void
  signOut: () => void
}

const MeContext = createContext<Me | null>(null)

/** Provides {@link Me}; tracks activity (away after a minute idle or with the tab hidden). */
export function MeProvider(props: {
  session: Session
  onSignOut: () => void
  children: ReactNode
}) {
  const { session, onSignOut, children } = props
  const [busy, setBusy] = useState(false)
  const status = useActivityStatus({ busy })
  const me = useMemo(
    () => ({ user: session.user, token: session.token, status, busy, setBusy, signOut: onSignOut }),
    [session.user, session.token, status, busy, onSignOut],
  )
  return <MeContext.Provider value={me}>{children}</MeContext.Provider>
}

/** The signed-in user; only used below {@link MeProvider}. */
export function useMe(): Me {
  const me = useContext(MeContext)
  if (!me) throw new Error('useMe(): no <MeProvider> above this component')
  return me
}
