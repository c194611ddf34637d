import { useMemo, useState } from 'react'
import { usePresence } from '@tandem/react'
import type { WorkspaceEntry } from '@tandem/schema'
import { Avatars } from '../components/Avatars.js'
import { ItemRow } from '../components/ItemRow.js'
import { ChatDock } from '../conversation/chat/ChatDock.js'
import { WORKSPACE_ID } from '../config.js'
import { SEARCH_INPUT_ID } from '../shortcuts.js'
import { WorkspaceTransfer } from '../transfer/WorkspaceTransfer.js'
import { useAppWorkspace } from '../workspace.js'

type View = 'all' | 'trash'

/** Matches a title against a search: every word of the query must occur, case-insensitive. */
export function matchesQuery(entry: WorkspaceEntry, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean)
  const title = (entry.title || 'Untitled').toLowerCase()
  return words.every((word) => title.includes(word))
}

/** The workspace home: every document and board, search, create, rename, trash and restore. */
export function HomePage() {
  const ws = useAppWorkspace()
  const [query, setQuery] = useState('')
  const [view, setView] = useState<View>('all')
  const peers = usePresence(ws.handle, { includeSelf: true })

  const shown = useMemo(
    () =>
      ws.entries.filter(
        (entry) => (view === 'trash') === (entry.trashed !== null) && matchesQuery(entry, query),
      ),
    [ws.entries, view, query],
  )
  const trashCount = ws.entries.filter((entry) => entry.trashed !== null).length

  return (
    <div className="home">
      <div className="home-head">
        <div>
          <h1>Workspace</h1>
          <p className="muted">Documents and boards everyone here can open — online or off.</p>
        </div>
        <div className="home-head-actions">
          <Avatars peers={peers} label="People in this workspace" />
          <ChatDock roomName={`chat:workspace-${WORKSPACE_ID}`} title="Workspace chat" />
        </div>
      </div>

      <div className="toolbar">
        <div className="search">
          <label htmlFor={SEARCH_INPUT_ID} className="visually-hidden">
            Search by title
          </label>
          <input
            id={SEARCH_INPUT_ID}
            type="search"
            placeholder="Search by title"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape') {
                setQuery('')
                event.currentTarget.blur()
              }
            }}
            data-testid="search"
          />
          {query ? null : (
            <kbd className="search-hint" aria-hidden="true">
              /
            </kbd>
          )}
        </div>
        <div className="create-buttons">
          <button
            type="button"
            className="button primary"
            disabled={!ws.createItem}
            onClick={() => ws.createItem?.('doc')}
            data-testid="new-doc"
          >
            New document
          </button>
          <button
            type="button"
            className="button"
            disabled={!ws.createItem}
            onClick={() => ws.createItem?.('board')}
          >
            New board
          </button>
          <WorkspaceTransfer workspace={WORKSPACE_ID} />
        </div>
      </div>

      <div className="tabs" role="tablist" aria-label="Show">
        <button
          type="button"
          role="tab"
          id="tab-all"
          aria-controls="items-panel"
          aria-selected={view === 'all'}
          onClick={() => setView('all')}
        >
          All items
        </button>
        <button
          type="button"
          role="tab"
          id="tab-trash"
          aria-controls="items-panel"
          aria-selected={view === 'trash'}
          onClick={() => setView('trash')}
          data-testid="trash-tab"
        >
          Trash{trashCount > 0 ? ` (${trashCount})` : ''}
        </button>
      </div>

      <div
        role="tabpanel"
        id="items-panel"
        aria-labelledby={view === 'trash' ? 'tab-trash' : 'tab-all'}
      >
        {!ws.loaded ? (
          <p className="muted empty">Opening your workspace…</p>
        ) : shown.length === 0 ? (
          <EmptyState view={view} query={query} />
        ) : (
          <ul
            className="items"
            aria-label={view === 'trash' ? 'Trash' : 'Documents and boards'}
            data-testid="items"
          >
            {shown.map((entry) => (
              <ItemRow
                key={entry.id}
                entry={entry}
                workspace={ws.workspace}
                readOnly={ws.readOnly}
              />
            ))}
          </ul>
        )}
      </div>
    </div>
  )
}

function EmptyState({ view, query }: { view: View; query: string }) {
  if (query) return <p className="muted empty">Nothing matches “{query}”.</p>
  if (view === 'trash') return <p className="muted empty">The trash is empty.</p>
  return (
    <div className="empty">
      <p>No documents or boards yet.</p>
      <p className="muted">
        Create one with <strong>New document</strong> (<kbd>Ctrl</kbd>
        <kbd>Alt</kbd>
        <kbd>N</kbd>) or <strong>New board</strong> (<kbd>Ctrl</kbd>
        <kbd>Alt</kbd>
        <kbd>B</kbd>).
      </p>
    </div>
  )
}
