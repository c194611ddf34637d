import { useState, type FormEvent } from 'react'
import { TandemError, type WorkspaceDoc, type WorkspaceEntry } from '@tandem/schema'
import { useClient } from '@tandem/react'
import { Link } from '../routing/router.js'
import { renameItem } from '../titles.js'

const TIME = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' })

/** "5 minutes ago", "yesterday", ... for a past time in ms. */
export function relativeTime(then: number, now: number = Date.now()): string {
  const seconds = Math.round((then - now) / 1000)
  const steps: [Intl.RelativeTimeFormatUnit, number][] = [
    ['second', 60],
    ['minute', 60],
    ['hour', 24],
    ['day', 30],
    ['month', 12],
  ]
  let value = seconds
  for (const [unit, size] of steps) {
    if (Math.abs(value) < size) return unit === 'second' ? 'just now' : TIME.format(value, unit)
    value = Math.round(value / size)
  }
  return TIME.format(value, 'year')
}

/** One document or board in the workspace list, with rename and trash / restore. */
export function ItemRow(props: {
  entry: WorkspaceEntry
  workspace: WorkspaceDoc | null
  readOnly: boolean
}) {
  const { entry, workspace, readOnly } = props
  const client = useClient()
  const [renaming, setRenaming] = useState(false)
  const [draft, setDraft] = useState(entry.title)
  const [error, setError] = useState<string | null>(null)
  const title = entry.title || 'Untitled'
  const href = `/${entry.kind}/${entry.id}`
  const canEdit = workspace !== null && !readOnly

  const act = (change: () => void): boolean => {
    try {
      change()
      setError(null)
      return true
    } catch (failure) {
      if (!(failure instanceof TandemError)) throw failure
      setError(failure.message)
      return false
    }
  }

  const cancelRename = () => {
    setRenaming(false)
    setError(null)
  }

  const submitRename = (event: FormEvent) => {
    event.preventDefault()
    if (workspace && act(() => renameItem(client, workspace, entry, draft))) setRenaming(false)
  }

  return (
    <li className="item" data-testid="item" data-id={entry.id} data-title={entry.title}>
      <span className={`item-icon item-${entry.kind}`} aria-hidden="true">
        {entry.kind === 'doc' ? '¶' : '◇'}
      </span>
      {renaming ? (
        <form className="item-rename" onSubmit={submitRename}>
          <label className="visually-hidden" htmlFor={`rename-${entry.id}`}>
            New title for {title}
          </label>
          <input
            id={`rename-${entry.id}`}
            autoFocus
            value={draft}
            aria-invalid={error !== null}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={(event) => event.key === 'Escape' && cancelRename()}
          />
          <button type="submit" className="button small primary">
            Save
          </button>
          <button type="button" className="button small" onClick={cancelRename}>
            Cancel
          </button>
        </form>
      ) : (
        <div className="item-main">
          {entry.trashed === null ? (
            <Link href={href} className={entry.title ? 'item-title' : 'item-title untitled'}>
              {title}
            </Link>
          ) : (
            <span className="item-title">{title}</span>
          )}
          <span className="item-meta muted">
            {entry.kind === 'doc' ? 'Document' : 'Board'} · edited {relativeTime(entry.updated)}
          </span>
        </div>
      )}
      {error ? (
        <span className="form-error" role="alert">
          {error}
        </span>
      ) : null}
      {canEdit && !renaming ? (
        <div className="item-actions">
          {entry.trashed === null ? (
            <>
              <button
                type="button"
                className="button small ghost"
                aria-label={`Rename ${title}`}
                onClick={() => {
                  setDraft(entry.title)
                  setRenaming(true)
                }}
              >
                Rename
              </button>
              <button
                type="button"
                className="button small ghost"
                aria-label={`Move ${title} to trash`}
                onClick={() => act(() => workspace.trash(entry.id))}
              >
                Trash
              </button>
            </>
          ) : (
            <button
              type="button"
              className="button small"
              aria-label={`Restore ${title}`}
              onClick={() => act(() => workspace.restore(entry.id))}
            >
              Restore
            </button>
          )}
        </div>
      ) : null}
    </li>
  )
}
