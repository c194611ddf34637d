import { TandemEditor, type EditorStatus } from '@tandem/editor'
import { useCallback, useEffect, useState } from 'react'
import { getTandemToken, type Me, type Role } from './api.js'
import { trackEditor, trackStatus } from './testHook.js'

const ROLE_NOTE: Record<Role, string> = {
  owner: 'You own this document',
  editor: 'You can edit',
  commenter: 'You can comment; the text is read-only for you',
  viewer: 'Read only',
}

/** The document id in the address (`/doc/<id>`), or the first document. */
function docFromPath(me: Me): string {
  const match = /^\/doc\/([A-Za-z0-9_-]{1,64})$/.exec(window.location.pathname)
  return match?.[1] ?? me.documents[0]?.id ?? me.notes.id
}

/** The host's own layout: its header and navigation, Tandem's editor in the middle. */
export function DocumentsPage(props: { me: Me; tandemUrl: string; onSignOut: () => void }) {
  const { me, tandemUrl, onSignOut } = props
  const [docId, setDocId] = useState(() => docFromPath(me))
  const [dark, setDark] = useState(false)
  useEffect(() => {
    const onPop = () => setDocId(docFromPath(me))
    window.addEventListener('popstate', onPop)
    return () => window.removeEventListener('popstate', onPop)
  }, [me])
  const open = (id: string) => {
    window.history.pushState(null, '', `/doc/${id}`)
    setDocId(id)
  }
  const current = me.documents.find((d) => d.id === docId) ?? me.notes
  const theme = dark ? 'dark' : 'light'

  return (
    <div className="host-app" data-theme={theme}>
      <header className="host-header">
        <strong className="host-logo">Acme Docs</strong>
        <span className="host-spacer" />
        <button type="button" onClick={() => setDark(!dark)} aria-pressed={dark}>
          Dark mode
        </button>
        <span className="host-user" style={{ borderColor: me.user.color }}>
          {me.user.name}
        </span>
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <nav className="host-nav" aria-label="Documents">
        {me.documents.map((doc) => (
          <button
            key={doc.id}
            type="button"
            aria-current={doc.id === docId ? 'page' : undefined}
            onClick={() => open(doc.id)}
          >
            {doc.title}
            <small>{doc.role ?? 'no access'}</small>
          </button>
        ))}
      </nav>
      <main className="host-main">
        <h1>{current.title}</h1>
        <p className="host-muted">{current.role ? ROLE_NOTE[current.role] : 'No access'}</p>
        <EmbeddedEditor
          key={current.id}
          docId={current.id}
          tandemUrl={tandemUrl}
          me={me}
          theme={theme}
          label={current.title}
        />
      </main>
      <aside className="host-notes" aria-label="My notes">
        <h2>{me.notes.title}</h2>
        {/* A second editor on the page: it shares the first one's socket. */}
        <EmbeddedEditor
          docId={me.notes.id}
          tandemUrl={tandemUrl}
          me={me}
          theme={theme}
          label="My notes"
          toolbar={false}
          placeholder="Jot something down…"
        />
      </aside>
    </div>
  )
}

/** One embedded Tandem editor and the status line the host draws under it. */
function EmbeddedEditor(props: {
  docId: string
  tandemUrl: string
  me: Me
  theme: 'light' | 'dark'
  label: string
  toolbar?: boolean
  placeholder?: string
}) {
  const { docId } = props
  const [status, setStatus] = useState<EditorStatus | null>(null)
  const onStatus = useCallback(
    (next: EditorStatus) => {
      trackStatus(docId, next)
      setStatus(next)
    },
    [docId],
  )
  return (
    <section className="host-editor" data-doc-id={docId}>
      <TandemEditor
        serverUrl={props.tandemUrl}
        docId={docId}
        getToken={getTandemToken}
        user={props.me.user}
        theme={props.theme}
        label={props.label}
        toolbar={props.toolbar}
        placeholder={props.placeholder}
        onStatus={onStatus}
        onReady={(editor) => trackEditor(docId, editor)}
      />
      <p className="host-status" data-testid={`status-${docId}`}>
        {describe(status)}
      </p>
    </section>
  )
}

function describe(status: EditorStatus | null): string {
  if (!status) return 'Connecting…'
  const where =
    status.connection === 'online'
      ? 'Online'
      : status.connection === 'offline'
        ? 'Offline'
        : 'Connecting'
  const saved =
    status.unsynced === 0
      ? 'all changes saved to server'
      : `${status.unsynced} change${status.unsynced === 1 ? '' : 's'} saved on this device only`
  const error = status.error ? ` · ${status.error.code}` : ''
  return `${where} · ${saved}${status.readOnly ? ' · read-only' : ''}${error}`
}
