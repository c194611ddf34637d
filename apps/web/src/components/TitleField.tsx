import { useEffect, useState } from 'react'
import { TandemError, type RichTextDoc, type WorkspaceDoc } from '@tandem/schema'

/**
 * The document title: stored in the doc's meta map and mirrored to the workspace entry, so
 * lists show it without opening the document.
 */
export function TitleField(props: {
  richText: RichTextDoc
  workspace: WorkspaceDoc | null
  id: string
  readOnly: boolean
  /** Focus the field on mount (a document the user just created). @default false */
  autoFocus?: boolean
  /** The workspace's title, shown greyed while the document itself has none yet. @default '' */
  listedTitle?: string
}) {
  const { richText, workspace, id, readOnly, autoFocus = false, listedTitle = '' } = props
  const [stored, setStored] = useState(richText.title)
  // Once the user types, the field shows their draft until it loses focus: titles are stored
  // trimmed, and echoing the stored value back would eat the space the user just typed.
  const [draft, setDraft] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    const read = () => setStored(richText.title)
    read()
    richText.meta.observe(read)
    return () => richText.meta.unobserve(read)
  }, [richText])

  const save = (value: string) => {
    try {
      richText.setTitle(value)
      if (workspace?.get(id)) workspace.rename(id, value)
      setError(null)
    } catch (failure) {
      if (!(failure instanceof TandemError)) throw failure
      setError(failure.message)
    }
  }

  return (
    <div className="title-field">
      <label htmlFor="doc-title" className="visually-hidden">
        Title
      </label>
      <input
        id="doc-title"
        className="doc-title"
        placeholder={listedTitle || 'Untitled'}
        value={draft ?? stored}
        readOnly={readOnly}
        aria-invalid={error !== null}
        autoFocus={autoFocus && !readOnly}
        onBlur={() => setDraft(null)}
        onChange={(event) => {
          setDraft(event.target.value)
          save(event.target.value)
        }}
        onKeyDown={(event) => {
          // Enter moves on to the text, as in every document app.
          if (event.key === 'Enter') {
            event.preventDefault()
            document.querySelector<HTMLElement>('[data-testid="editor"] [contenteditable]')?.focus()
          }
        }}
        data-testid="doc-title"
      />
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  )
}
