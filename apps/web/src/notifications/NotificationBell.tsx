import { MessageBody } from '@tandem/editor'
import { useDocument } from '@tandem/react'
import { docName, type Notification } from '@tandem/schema'
import { usePopover } from '../components/usePopover.js'
import { useMe } from '../session/me.js'
import { useAppWorkspace } from '../workspace.js'
import { navigate } from '../routing/router.js'
import { useMembers } from '../conversation/members.js'
import { fullTime, shortTime } from '../conversation/time.js'
import { notificationHref, notificationPlace } from './links.js'
import { useInbox } from './useInbox.js'
import './notifications.css'

// "<actor> mentioned you in <place>", "<actor> shared <place> with you": the words around the place.
const HEADLINE: Record<Notification['kind'], readonly [string, string]> = {
  mention: ['mentioned you in', ''],
  reply: ['replied in a thread you are in, in', ''],
  share: ['shared', ' with you'],
}

/** "<strong>Ada</strong> mentioned you in <strong>Plan</strong>". */
function Headline({ notification, place }: { notification: Notification; place: string }) {
  const [before, after] = HEADLINE[notification.kind]
  return (
    <>
      <strong>{notification.actor.name}</strong> {before} <strong>{place}</strong>
      {after}
    </>
  )
}

/** The headline as plain text, for accessible names. */
function headlineText(notification: Notification, place: string): string {
  const [before, after] = HEADLINE[notification.kind]
  return `${notification.actor.name} ${before} ${place}${after}`
}

/**
 * The notification bell: the unread count of the user's `inbox:` document (written by the
 * server) in its accessible name, live; a panel to open, mark read and mark all read.
 */
export function NotificationBell() {
  const { user } = useMe()
  const inbox = useInbox(useDocument(docName('inbox', user.id)).doc)
  const { workspace } = useAppWorkspace()
  const members = useMembers()
  const { open, setOpen, rootRef } = usePopover<HTMLDivElement>()

  const unread = inbox?.unread ?? 0
  const label = unread > 0 ? `Notifications, ${unread} unread` : 'Notifications'
  const go = (notification: Notification) => {
    inbox?.markRead(notification.id)
    setOpen(false)
    // The pages' deep-link hooks follow in-app navigations to a new fragment.
    navigate(notificationHref(notification.target, workspace))
  }

  return (
    <div className="bell" ref={rootRef}>
      <button
        type="button"
        className="bell-button"
        aria-label={label}
        title={label}
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={() => setOpen((value) => !value)}
        data-testid="notification-bell"
      >
        <BellIcon />
        {unread > 0 ? (
          <span className="bell-badge" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <div className="bell-panel" role="dialog" aria-label="Notifications">
          <div className="bell-header">
            <strong>Notifications</strong>
            <button
              type="button"
              className="bell-mark-all"
              onClick={() => inbox?.markAllRead()}
              disabled={unread === 0}
            >
              Mark all read
            </button>
          </div>
          {!inbox || inbox.items.length === 0 ? (
            <p className="bell-empty muted">
              Nothing yet. Mentions, replies to your threads and shares show up here.
            </p>
          ) : (
            <ul className="bell-list">
              {inbox.items.map((notification) => (
                <li key={notification.id}>
                  <button
                    type="button"
                    className={`bell-item${notification.read === null ? ' bell-unread' : ''}`}
                    onClick={() => go(notification)}
                    data-testid="notification"
                  >
                    <span className="bell-line">
                      <Headline
                        notification={notification}
                        place={notificationPlace(notification.target, workspace)}
                      />
                      {notification.read === null ? (
                        <span className="visually-hidden"> (unread)</span>
                      ) : null}
                    </span>
                    <span className="bell-excerpt">
                      <MessageBody
                        body={notification.excerpt}
                        nameOf={members.nameOf}
                        selfId={user.id}
                        links={false}
                      />
                    </span>
                    <time
                      className="bell-time muted"
                      dateTime={new Date(notification.created).toISOString()}
                      title={fullTime(notification.created)}
                    >
                      {shortTime(notification.created)}
                    </time>
                  </button>
                  {notification.read === null ? (
                    <button
                      type="button"
                      className="bell-read"
                      aria-label={`Mark read: ${headlineText(notification, notificationPlace(notification.target, workspace))}`}
                      title="Mark read"
                      onClick={() => inbox.markRead(notification.id)}
                    >
                      <span aria-hidden="true">✓</span>
                    </button>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
    </div>
  )
}

function BellIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
        d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9M10.3 21a1.94 1.94 0 0 0 3.4 0"
      />
    </svg>
  )
}
