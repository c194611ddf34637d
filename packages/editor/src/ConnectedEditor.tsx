import { TandemProvider, useDocument, useStatus } from '@tandem/react'
import { TandemError } from '@tandem/schema'
import { useEffect, useRef, useState } from 'react'
import { DocumentEditor, themeAttribute } from './DocumentEditor.js'
import type { EditorStatus, TandemEditorProps } from './props.js'
import { leaseClient, type ClientLease } from './shared-client.js'

const MISSING_DOC_ID = new TandemError(
  'bad-request',
  'TandemEditor: docId is required with serverUrl',
)

type Lease = { lease: ClientLease; error: null } | { lease: null; error: TandemError }

/**
 * `<TandemEditor serverUrl docId getToken user />`: borrows the page's shared client for this
 * server and user (one socket for every editor), opens `doc:<docId>` and follows its status.
 */
export function ConnectedEditor(props: TandemEditorProps & { serverUrl: string }) {
  const { serverUrl, getToken, user, persistence } = props
  const [state, setState] = useState<Lease | null>(null)
  // The newest getToken without re-creating the connection when the host passes a new closure.
  const latestGetToken = useRef(getToken)
  useEffect(() => {
    latestGetToken.current = getToken
    if (state?.lease && getToken) state.lease.setGetToken(getToken)
  })

  const userId = user.id
  useEffect(() => {
    let lease: ClientLease
    try {
      lease = leaseClient({ serverUrl, userId, getToken: latestGetToken.current, persistence })
    } catch (error) {
      if (!(error instanceof TandemError)) throw error
      setState({ lease: null, error })
      return
    }
    setState({ lease, error: null })
    return () => {
      lease.release()
      setState(null)
    }
  }, [serverUrl, userId, persistence])

  const leaseError = state?.error ?? null
  const { onStatus } = props
  const latestOnStatus = useRef(onStatus)
  useEffect(() => {
    latestOnStatus.current = onStatus
  })
  useEffect(() => {
    // Bad options never connect: say so once, like any other error.
    if (leaseError) {
      latestOnStatus.current?.({
        connection: 'offline',
        synced: false,
        unsynced: 0,
        readOnly: false,
        error: leaseError,
      })
    }
  }, [leaseError])

  if (leaseError) return <EditorMessage props={props} error={leaseError} />
  if (!state?.lease) return <EditorMessage props={props} />
  return (
    <TandemProvider client={state.lease.client}>
      {/* Keyed: another document starts over (its role is not known yet). */}
      <OpenDocumentEditor key={String(props.docId)} {...props} />
    </TandemProvider>
  )
}

function OpenDocumentEditor(props: TandemEditorProps) {
  const { docId, onStatus, onUnsyncedChanges } = props
  // An invalid id comes back as an `invalid-document-name` error, shown in place of the editor.
  const opened = useDocument(typeof docId === 'string' ? `doc:${docId}` : null)
  const missingId = typeof docId === 'string' ? null : MISSING_DOC_ID
  const client = useStatus()
  // Until the server has said what the token allows, the document is shown read-only: a viewer
  // must not type into a document the server will refuse (after that, offline edits are fine).
  const [roleKnown, setRoleKnown] = useState(false)
  if (opened.synced && !roleKnown) setRoleKnown(true)
  const readOnly =
    props.readOnly === true || opened.readOnly || (!roleKnown && client.connection !== 'offline')

  const error = missingId ?? opened.error ?? client.error
  const status: EditorStatus = {
    connection: client.connection,
    synced: opened.synced,
    unsynced: opened.unsynced,
    readOnly: props.readOnly === true || opened.readOnly,
    ...(error ? { error } : {}),
  }
  const reported = useRef<{ status: EditorStatus | null; unsynced: number | null }>({
    status: null,
    unsynced: null,
  })
  useEffect(() => {
    const last = reported.current
    if (!sameStatus(last.status, status)) {
      last.status = status
      onStatus?.(status)
    }
    if (last.unsynced !== status.unsynced) {
      last.unsynced = status.unsynced
      onUnsyncedChanges?.(status.unsynced)
    }
  })

  if (!opened.handle || !opened.loaded)
    return <EditorMessage props={props} error={missingId ?? opened.error ?? undefined} />
  return <DocumentEditor {...props} handle={opened.handle} readOnly={readOnly} />
}

function sameStatus(a: EditorStatus | null, b: EditorStatus): boolean {
  return (
    a !== null &&
    a.connection === b.connection &&
    a.synced === b.synced &&
    a.unsynced === b.unsynced &&
    a.readOnly === b.readOnly &&
    a.error === b.error
  )
}

/** The editor's frame while it connects, or with the error that keeps it from opening. */
function EditorMessage({ props, error }: { props: TandemEditorProps; error?: TandemError }) {
  return (
    <div
      className={['tandem-editor', 'tandem-editor--pending', props.className]
        .filter(Boolean)
        .join(' ')}
      aria-busy={error ? undefined : true}
      data-theme={themeAttribute(props.theme)}
    >
      {error && (
        <p role="alert" className="tandem-editor__error" data-error-code={error.code}>
          {error.message} ({error.code})
        </p>
      )}
    </div>
  )
}
