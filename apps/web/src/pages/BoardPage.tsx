import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useDocument, useLocalPresence, usePresence } from '@tandem/react'
import { boardDoc, docName, TandemError } from '@tandem/schema'
import { Whiteboard, type BoardView } from '@tandem/whiteboard'
import '@tandem/whiteboard/style.css'
import { Avatars } from '../components/Avatars.js'
import { BackToWorkspace } from '../components/BackToWorkspace.js'
import { ChatDock } from '../conversation/chat/ChatDock.js'
import { useHistoryPanel } from '../history/useHistoryPanel.js'
import { ShareButton } from '../components/ShareButton.js'
import { useMe } from '../session/me.js'
import { registerBoardView } from '../testHook.js'
import { useAppWorkspace } from '../workspace.js'

/** `/board/<id>`: title, people here, share link, version history and the whiteboard. */
export function BoardPage({ id }: { id: string }) {
  const me = useMe()
  const ws = useAppWorkspace()
  const { handle, doc, loaded, synced, readOnly, error } = useDocument(docName('board', id))
  const history = useHistoryPanel(docName('board', id), readOnly)
  const board = useMemo(() => (doc ? boardDoc(doc) : null), [doc])
  useLocalPresence(handle, { user: me.user, status: me.status })
  const peers = usePresence(handle, { includeSelf: true })
  const entry = ws.entries.find((item) => item.id === id) ?? null
  const unregister = useRef<(() => void) | null>(null)
  const onReady = useCallback(
    (view: BoardView) => {
      unregister.current?.()
      unregister.current = registerBoardView(docName('board', id), view)
    },
    [id],
  )
  useEffect(() => () => unregister.current?.(), [])

  // After the first sync, like documents: see DocPage.
  useEffect(() => {
    if (board && loaded && synced && !readOnly) board.migrate()
  }, [board, loaded, synced, readOnly])

  useEffect(() => {
    document.title = `${entry?.title || 'Untitled board'} — Tandem`
    return () => void (document.title = 'Tandem')
  }, [entry?.title])

  if (error) return <p className="muted empty">This board could not be opened: {error.message}</p>
  if (!handle || !doc) return <p className="muted empty">Opening…</p>

  return (
    <article className="board-page" data-testid="board-page" data-board-id={id}>
      <div className="doc-head">
        <BackToWorkspace />
        <BoardTitle id={id} title={entry?.title ?? ''} readOnly={readOnly || !entry} />
        <div className="doc-head-actions">
          <Avatars peers={peers} label="People on this board" />
          <ShareButton />
          <ChatDock roomName={`chat:${id}`} title="Board chat" />
          {history.button}
        </div>
      </div>
      <div className="board-body">
        <div className="board-frame" data-testid="board">
          {loaded ? (
            <Whiteboard handle={handle} user={me.user} label="Board" onReady={onReady} autoFocus />
          ) : (
            <p className="muted empty">Opening…</p>
          )}
        </div>
        {history.panel}
      </div>
    </article>
  )
}

/** The board's title, stored in the workspace entry (boards have no meta title of their own). */
function BoardTitle({ id, title, readOnly }: { id: string; title: string; readOnly: boolean }) {
  const ws = useAppWorkspace()
  const [draft, setDraft] = useState<string | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  return (
    <div className="board-title">
      <label htmlFor="board-title" className="visually-hidden">
        Board title
      </label>
      <input
        id="board-title"
        className="board-title-input"
        data-testid="board-title"
        placeholder="Untitled board"
        value={draft ?? title}
        readOnly={readOnly}
        aria-invalid={problem !== null}
        onBlur={() => setDraft(null)}
        onChange={(event) => {
          setDraft(event.target.value)
          try {
            ws.workspace?.rename(id, event.target.value)
            setProblem(null)
          } catch (failure) {
            if (!(failure instanceof TandemError)) throw failure
            setProblem(failure.message)
          }
        }}
      />
      {problem ? (
        <span role="alert" className="form-error">
          {problem}
        </span>
      ) : null}
    </div>
  )
}
