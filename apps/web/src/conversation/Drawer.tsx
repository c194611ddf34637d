import { useEffect, type ReactNode } from 'react'
import { CloseIcon } from './icons.js'

/** A side panel over the right edge of the page (a bottom sheet on phones). */
export function Drawer(props: {
  title: string
  onClose: () => void
  children: ReactNode
  /** Controls next to the title. */
  actions?: ReactNode
  testId: string
}) {
  const { title, onClose, children, actions, testId } = props
  // The page makes room for the panel on wide screens (see conversation.css).
  useEffect(() => {
    document.documentElement.classList.add('drawer-open')
    return () => document.documentElement.classList.remove('drawer-open')
  }, [])
  return (
    <aside
      className="drawer"
      aria-label={title}
      data-testid={testId}
      // A React handler, so a text box inside that used Escape (closing its suggestions,
      // dropping a draft) has marked the event before the panel sees it.
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !event.defaultPrevented) onClose()
      }}
    >
      <header className="drawer-head">
        <h2>{title}</h2>
        <div className="drawer-actions">
          {actions}
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
            <CloseIcon />
          </button>
        </div>
      </header>
      {children}
    </aside>
  )
}
