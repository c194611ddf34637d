import { useState, type ReactNode } from 'react'
import { useMe } from '../session/me.js'
import { HistoryPanel } from './HistoryPanel.js'

/**
 * The "History" button and, while it is pressed, the version history panel of document `name`
 * (a `doc:` or `board:`), for a page to place each where its layout wants them.
 */
export function useHistoryPanel(
  name: string,
  readOnly: boolean,
): {
  button: ReactNode
  panel: ReactNode
} {
  const { token } = useMe()
  const [open, setOpen] = useState(false)
  return {
    button: (
      <button type="button" className="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        History
      </button>
    ),
    panel: open ? (
      <HistoryPanel name={name} token={token} readOnly={readOnly} onClose={() => setOpen(false)} />
    ) : null,
  }
}
