import { useEffect, useState } from 'react'
import { useStatus } from '@tandem/react'
import type { RichTextDoc, WorkspaceEntry } from '@tandem/schema'
import type { TandemError } from '@tandem/schema'

/** Notes above a document: why it cannot be edited or is not all here, when that is so. */
export function DocNotices(props: {
  richText: RichTextDoc
  entry: WorkspaceEntry | null
  synced: boolean
  readOnly: boolean
  error: TandemError | null
}) {
  const { richText, entry, synced, readOnly, error } = props
  const { connection } = useStatus()
  const empty = useIsEmpty(richText)
  const notes: { key: string; text: string }[] = []

  if (error && error.code !== 'unauthorized' && error.code !== 'token-expired') {
    notes.push({ key: 'error', text: `The server refused this document: ${error.message}` })
  }
  if (readOnly)
    notes.push({ key: 'read-only', text: 'You can read this document but not edit it.' })
  if (entry?.trashed != null) {
    notes.push({
      key: 'trash',
      text: 'This document is in the trash. Restore it from the workspace to list it again.',
    })
  }
  // Listed with a title yet empty, and never synced here: it was not opened on this device before.
  if (!synced && connection !== 'online' && empty && entry !== null && entry.title !== '') {
    notes.push({
      key: 'not-here',
      text: 'This document is not on this device yet. It loads as soon as you are back online.',
    })
  }
  return (
    <>
      {notes.map((note) => (
        <p key={note.key} className="banner" role="note" data-testid={`notice-${note.key}`}>
          {note.text}
        </p>
      ))}
    </>
  )
}

function useIsEmpty(richText: RichTextDoc): boolean {
  const [empty, setEmpty] = useState(() => richText.content.length === 0)
  useEffect(() => {
    const read = () => setEmpty(richText.content.length === 0)
    read()
    richText.content.observe(read)
    return () => richText.content.unobserve(read)
  }, [richText])
  return empty
}
