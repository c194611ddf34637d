import { useStatus } from '@tandem/react'
import { useMe } from '../session/me.js'
import { initials } from './Avatars.js'
import { usePopover } from './usePopover.js'

const STATUS_LABEL = { online: 'Online', away: 'Away', busy: 'Busy' } as const

/** The signed-in user's button: status, "busy" switch, shortcuts and sign out. */
export function UserMenu({ onShowShortcuts }: { onShowShortcuts: () => void }) {
  const me = useMe()
  const { unsynced } = useStatus()
  const { open, setOpen, rootRef } = usePopover<HTMLDivElement>()

  const signOut = () => {
    // Changes stay in this browser's storage either way; say so before the user leaves.
    if (
      unsynced > 0 &&
      !window.confirm(
        `${unsynced} changes are not on the server yet. They stay on this device and sync at your next sign-in. Sign out?`,
      )
    ) {
      return
    }
    me.signOut()
  }

  return (
    <div className="user-menu" ref={rootRef}>
      <button
        type="button"
        className={`avatar avatar-button avatar-${me.status}`}
        style={{ backgroundColor: me.user.color }}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={`${me.user.name}, ${STATUS_LABEL[me.status]}: account menu`}
        onClick={() => setOpen((value) => !value)}
        data-testid="user-menu"
      >
        <span aria-hidden="true">{initials(me.user.name)}</span>
        <span className="avatar-status" aria-hidden="true" />
      </button>
      {open ? (
        <div className="menu" role="menu" aria-label="Account">
          <div className="menu-header">
            <strong>{me.user.name}</strong>
            <span className="muted">{STATUS_LABEL[me.status]}</span>
          </div>
          <button
            type="button"
            role="menuitemcheckbox"
            aria-checked={me.busy}
            onClick={() => me.setBusy(!me.busy)}
            data-testid="busy-toggle"
          >
            {me.busy ? 'Clear busy status' : 'Set busy — do not disturb'}
          </button>
          <button
            type="button"
            role="menuitem"
            onClick={() => {
              setOpen(false)
              onShowShortcuts()
            }}
          >
            Keyboard shortcuts <kbd>?</kbd>
          </button>
          <button type="button" role="menuitem" onClick={signOut} data-testid="sign-out">
            Sign out
          </button>
        </div>
      ) : null}
    </div>
  )
}
