import { useCallback, useEffect, useState, type FormEvent } from 'react'
import { colorForUser } from '@tandem/schema'
import {
  listVersions,
  restoreVersion,
  saveVersion,
  versionDiff,
  versionLabel,
  type DiffBlock,
  type VersionDiff,
  type VersionInfo,
} from './api.js'
import { BoardDiffView } from './BoardDiffView.js'
import './history.css'

/** Props of {@link HistoryPanel}. */
export interface HistoryPanelProps {
  /** Document name, `doc:<id>` or `board:<id>`. */
  name: string
  token: string
  /** The user may not write: no saving or restoring. */
  readOnly: boolean
  onClose: () => void
}

const time = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

/**
 * The version history of a document or board: its versions (automatic ones after a pause in editing,
 * named ones, restores), a read-only preview of one with what changed since then highlighted by
 * author, and restore (a new change everyone receives). Lives on the server: it needs a
 * connection, and says so when there is none.
 */
export function HistoryPanel({ name, token, readOnly, onClose }: HistoryPanelProps) {
  const [versions, setVersions] = useState<VersionInfo[] | null>(null)
  const [selected, setSelected] = useState<VersionInfo | null>(null)
  const [diff, setDiff] = useState<VersionDiff | null>(null)
  const [label, setLabel] = useState('')
  const [status, setStatus] = useState('')
  const [error, setError] = useState<string | null>(null)

  const refresh = useCallback(async () => {
    try {
      setVersions(await listVersions(token, name))
      setError(null)
    } catch (e) {
      setError((e as Error).message)
    }
  }, [name, token])

  useEffect(() => {
    void refresh()
    // New versions (a pause in someone's editing, another user's restore) appear as they come.
    const events = new EventSource(
      `/api/events?docs=${encodeURIComponent(name)}&token=${encodeURIComponent(token)}`,
    )
    events.addEventListener('version-created', () => void refresh())
    return () => events.close()
  }, [name, token, refresh])

  const preview = async (version: VersionInfo) => {
    setSelected(version)
    setDiff(null)
    try {
      setDiff(await versionDiff(token, name, version.id))
      setError(null)
    } catch (e) {
      setError((e as Error).message)
    }
  }

  const save = async (event: FormEvent) => {
    event.preventDefault()
    const trimmed = label.trim()
    if (!trimmed) return
    try {
      await saveVersion(token, name, trimmed)
      setLabel('')
      setStatus(`Saved version “${trimmed}”`)
      await refresh()
    } catch (e) {
      setError((e as Error).message)
    }
  }

  const restore = async () => {
    if (!selected) return
    try {
      await restoreVersion(token, name, selected.id)
      setStatus(`Restored “${versionLabel(selected)}”`)
      setSelected(null)
      setDiff(null)
      await refresh()
    } catch (e) {
      setError((e as Error).message)
    }
  }

  return (
    <aside className="history-panel" aria-label="Version history" data-testid="history-panel">
      <div className="history-head">
        <h2>Version history</h2>
        <button type="button" className="button" onClick={onClose}>
          Close history
        </button>
      </div>
      {readOnly ? null : (
        <form className="history-save" onSubmit={(e) => void save(e)}>
          <input
            aria-label="Version name"
            placeholder="Name this version"
            maxLength={100}
            value={label}
            onChange={(e) => setLabel(e.target.value)}
          />
          <button type="submit" className="button" disabled={label.trim() === ''}>
            Save version
          </button>
        </form>
      )}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <p className="visually-hidden" role="status">
        {status}
      </p>
      {versions === null ? (
        <p className="muted">Loading versions…</p>
      ) : versions.length === 0 ? (
        <p className="muted">No versions yet. One is kept after each pause in editing.</p>
      ) : (
        <ol className="history-list">
          {versions.map((v) => (
            <li key={v.id}>
              <button
                type="button"
                className="history-item"
                aria-pressed={selected?.id === v.id}
                onClick={() => void preview(v)}
              >
                <span className="history-label">{versionLabel(v)}</span>
                <span className="muted">
                  {time.format(v.created)}
                  {v.kind === 'restore' ? ' · restore' : ''}
                </span>
              </button>
            </li>
          ))}
        </ol>
      )}
      {selected ? (
        <section
          className="history-preview"
          aria-label={`Preview of ${versionLabel(selected)}`}
          data-testid="version-preview"
        >
          <h3>{versionLabel(selected)}</h3>
          {diff?.board ? (
            <BoardDiffView board={diff.board} />
          ) : diff ? (
            <DiffView diff={diff} />
          ) : (
            <p className="muted">Loading preview…</p>
          )}
          {readOnly ? null : (
            <button type="button" className="button primary" onClick={() => void restore()}>
              Restore this version
            </button>
          )}
        </section>
      ) : null}
    </aside>
  )
}

// Text the version had is shown; what was added since is underlined, what was removed since is
// struck through, each in its author's colour.
function DiffView({ diff }: { diff: VersionDiff }) {
  return (
    <div className="history-diff">
      <p className="muted history-legend">
        Since this version:{' '}
        {diff.authors.length === 0
          ? 'no changes.'
          : diff.authors
              .map(
                (a) =>
                  `${a.author?.name ?? 'someone'} added ${a.added}, removed ${a.removed} characters`,
              )
              .join('; ')}
      </p>
      <div className="history-text">
        {diff.blocks.map((block, i) => (
          <Block key={i} block={block} />
        ))}
      </div>
    </div>
  )
}

function Block({ block }: { block: DiffBlock }) {
  const Tag = block.type === 'heading' ? 'h4' : 'p'
  return (
    <Tag className={`history-block history-${block.change}`}>
      {block.spans.map((span, i) => {
        if (span.change === 'same') return <span key={i}>{span.text}</span>
        const color = span.author ? colorForUser(span.author.id) : 'var(--muted)'
        const who = span.author?.name ?? 'someone'
        const title = `${span.change === 'added' ? 'Added' : 'Removed'} by ${who}`
        const Change = span.change === 'added' ? 'ins' : 'del'
        return (
          <Change
            key={i}
            title={title}
            style={{ textDecorationColor: color, backgroundColor: `${color}22` }}
          >
            {span.text}
          </Change>
        )
      })}
      {block.spans.length === 0 ? <br /> : null}
    </Tag>
  )
}
