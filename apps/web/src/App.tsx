import { useCallback, useEffect, useState } from 'react'
import { createClient, type TandemClient } from '@tandem/client'
import { TandemProvider } from '@tandem/react'
import { collabUrl } from './config.js'
import { Shell } from './Shell.js'
import { MeProvider } from './session/me.js'
import { SignIn } from './session/SignIn.js'
import { clearSession, loadSession, type Session } from './session/session.js'
import { installTestHook } from './testHook.js'
import { WorkspaceProvider } from './workspace.js'

/** The whole app: the sign-in screen, or the signed-in UI bound to one sync client. */
export function App() {
  const [session, setSession] = useState<Session | null>(() => loadSession())
  const signOut = useCallback(() => {
    clearSession()
    setSession(null)
  }, [])
  if (!session) return <SignIn onSignedIn={setSession} />
  return <SignedIn key={session.token} session={session} onSignOut={signOut} />
}

function SignedIn({ session, onSignOut }: { session: Session; onSignOut: () => void }) {
  const [client, setClient] = useState<TandemClient | null>(null)

  // Created in an effect (not in render) so that React's dev double-mount destroys the first
  // client cleanly instead of leaking a socket.
  useEffect(() => {
    // One device copy for every guest of this origin (the default storage prefix), not one per
    // user: every guest shares the one workspace, and a per-user copy would strand changes
    // made under a session that has since expired or been signed out.
    const created = createClient({ url: collabUrl(), token: session.token })
    setClient(created)
    const removeHook = installTestHook(created, session.user)
    return () => {
      removeHook()
      setClient(null)
      created
        .destroy()
        .catch((error: unknown) => console.error('tandem: closing the client failed', error))
    }
  }, [session.token, session.user])

  if (!client) return null
  return (
    <TandemProvider client={client}>
      <MeProvider session={session} onSignOut={onSignOut}>
        <WorkspaceProvider>
          <Shell />
        </WorkspaceProvider>
      </MeProvider>
    </TandemProvider>
  )
}
