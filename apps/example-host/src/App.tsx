import { useEffect, useState } from 'react'
import { fetchConfig, fetchMe, logout, type Me } from './api.js'
import { LoginPage } from './LoginPage.js'
import { DocumentsPage } from './DocumentsPage.js'

type State =
  | { phase: 'loading' }
  | { phase: 'failed'; message: string }
  | { phase: 'ready'; tandemUrl: string; me: Me | null }

/** The host app: its own login, then its documents with the Tandem editor embedded. */
export function App() {
  const [state, setState] = useState<State>({ phase: 'loading' })
  useEffect(() => {
    Promise.all([fetchConfig(), fetchMe()]).then(
      ([config, me]) => setState({ phase: 'ready', tandemUrl: config.tandemUrl, me }),
      (error: unknown) => setState({ phase: 'failed', message: String(error) }),
    )
  }, [])

  if (state.phase === 'loading') return <p className="host-message">Loading…</p>
  if (state.phase === 'failed')
    return <p className="host-message">Backend unreachable: {state.message}</p>
  const { tandemUrl, me } = state
  if (!me) return <LoginPage onSignedIn={(next) => setState({ ...state, me: next })} />
  return (
    <DocumentsPage
      // A new user means a new editor session (and their own offline copies).
      key={me.user.id}
      me={me}
      tandemUrl={tandemUrl}
      onSignOut={() => void logout().then(() => setState({ ...state, me: null }))}
    />
  )
}
