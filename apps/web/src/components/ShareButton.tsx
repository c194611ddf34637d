import { useEffect, useState } from 'react'

type CopyState = 'idle' | 'copied' | 'failed'

/** Copies the page's URL; if the clipboard is unavailable, shows the link to copy by hand. */
export function ShareButton() {
  const [state, setState] = useState<CopyState>('idle')

  useEffect(() => {
    if (state !== 'copied') return
    const timer = setTimeout(() => setState('idle'), 2000)
    return () => clearTimeout(timer)
  }, [state])

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(location.href)
      setState('copied')
    } catch (error) {
      // Clipboard access needs a secure context and permission; fall back to a visible link.
      console.warn('tandem: clipboard unavailable', error)
      setState('failed')
    }
  }

  return (
    <div className="share">
      <button type="button" className="button" onClick={() => void copy()} data-testid="share">
        {state === 'copied' ? 'Link copied' : 'Copy link'}
      </button>
      {state === 'failed' ? (
        <input
          className="share-link"
          readOnly
          aria-label="Link to this document"
          value={location.href}
          onFocus={(event) => event.currentTarget.select()}
          autoFocus
        />
      ) : null}
      <span className="visually-hidden" role="status">
        {state === 'copied' ? 'Link copied to the clipboard' : ''}
      </span>
    </div>
  )
}
