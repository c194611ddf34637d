import { useState, type FormEvent } from 'react'
import { ApiError, login, type Me } from './api.js'

/** The host's own sign-in: its users, its passwords; Tandem knows nothing of this. */
export function LoginPage({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const [username, setUsername] = useState('ada')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setError(null)
    login(username, password).then(onSignedIn, (failure: unknown) =>
      setError(failure instanceof ApiError ? failure.message : String(failure)),
    )
  }

  return (
    <main className="host-login">
      <form onSubmit={submit} className="host-card">
        <h1>Acme Docs</h1>
        <p className="host-muted">
          Demo users: <b>ada</b> (editor), <b>bob</b> (commenter), <b>cy</b> (viewer); password{' '}
          <b>demo</b>.
        </p>
        <label>
          Username
          <input
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            autoComplete="username"
          />
        </label>
        <label>
          Password
          <input
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="current-password"
          />
        </label>
        {error && (
          <p role="alert" className="host-error">
            {error}
          </p>
        )}
        <button type="submit">Sign in</button>
      </form>
    </main>
  )
}
