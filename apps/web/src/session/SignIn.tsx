import { useState, type FormEvent } from 'react'
import { MAX_NAME_LENGTH, SignInError, signIn, type Session } from './session.js'

/** The guest sign-in screen: a name is all it takes (server local mode). */
export function SignIn({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const [name, setName] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [pending, setPending] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setPending(true)
    setError(null)
    try {
      onSignedIn(await signIn(name))
    } catch (failure) {
      if (failure instanceof SignInError) setError(failure.message)
      else {
        // Unexpected: keep the details for developers, tell the user something useful.
        console.error('tandem: sign-in failed', failure)
        setError('Something went wrong. Please try again.')
      }
      setPending(false)
    }
  }

  return (
    <main className="signin">
      <form
        className="signin-card"
        onSubmit={(event) => void submit(event)}
        aria-labelledby="signin-title"
      >
        <img src="/icon.svg" alt="" width={48} height={48} />
        <h1 id="signin-title">Welcome to Tandem</h1>
        <p className="muted">Write together in real time — online or off.</p>
        <label htmlFor="signin-name">Your name</label>
        <input
          id="signin-name"
          name="name"
          autoComplete="name"
          autoFocus
          maxLength={MAX_NAME_LENGTH + 10}
          value={name}
          onChange={(event) => setName(event.target.value)}
          placeholder="e.g. Ada Lovelace"
          aria-invalid={error !== null}
          aria-describedby={error ? 'signin-error' : undefined}
        />
        {error ? (
          <p id="signin-error" className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="button primary" disabled={pending}>
          {pending ? 'Signing in…' : 'Continue as guest'}
        </button>
      </form>
    </main>
  )
}
