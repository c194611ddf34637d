import { useEffect, useMemo, useState } from 'react'
import { TandemEditor, type Editor } from '@tandem/editor'
import { useDocument, useLocalPresence, usePresence } from '@tandem/react'
import { docName, richTextDoc } from '@tandem/schema'
import { Avatars } from '../components/Avatars.js'
import { BackToWorkspace } from '../components/BackToWorkspace.js'
import { DocNotices } from '../components/DocNotices.js'
import { ShareButton } from '../components/ShareButton.js'
import { TitleField } from '../components/TitleField.js'
import { ExportMenu } from '../history/ExportMenu.js'
import { useHistoryPanel } from '../history/useHistoryPanel.js'
import { DocConversation } from '../conversation/DocConversation.js'
import { useMe } from '../session/me.js'
import { useAppWorkspace } from '../workspace.js'

/** `/doc/<id>`: title, people here, share link, the collaborative editor and a word count. */
export function DocPage({ id }: { id: string }) {
  const me = useMe()
  const ws = useAppWorkspace()
  const { handle, doc, loaded, synced, readOnly, error } = useDocument(docName('doc', id))
  const history = useHistoryPanel(docName('doc', id), readOnly)
  const richText = useMemo(() => (doc ? richTextDoc(doc) : null), [doc])
  const [words, setWords] = useState(0)
  const [editor, setEditor] = useState<Editor | null>(null)
  useLocalPresence(handle, { user: me.user, status: me.status })
  const peers = usePresence(handle, { includeSelf: true })
  const entry = ws.entries.find((item) => item.id === id) ?? null

  // After the first sync, not on load: a document opened offline before it ever reached this
  // device would otherwise show "1 change saved on this device only" for a mere version stamp.
  useEffect(() => {
    if (richText && loaded && synced && !readOnly) richText.migrate()
  }, [richText, loaded, synced, readOnly])

  useEffect(() => {
    if (!richText) return
    document.title = `${richText.title || 'Untitled'} — Tandem`
    const onMeta = () => (document.title = `${richText.title || 'Untitled'} — Tandem`)
    richText.meta.observe(onMeta)
    return () => {
      richText.meta.unobserve(onMeta)
      document.title = 'Tandem'
    }
  }, [richText])

  if (!handle || !doc || !richText) return <p className="muted empty">Opening…</p>

  return (
    <article className="doc-page" data-testid="doc-page" data-doc-id={id}>
      <div className="doc-head">
        <BackToWorkspace />
        <div className="doc-head-actions">
          <Avatars peers={peers} label="People in this document" />
          <DocConversation docId={id} editor={editor} />
          <ShareButton />
          {history.button}
          <ExportMenu name={docName('doc', id)} fileName={entry?.title ?? ''} token={me.token} />
        </div>
      </div>
      {history.panel}
      <DocNotices
        richText={richText}
        entry={entry}
        synced={synced}
        readOnly={readOnly}
        error={error}
      />
      <TitleField
        richText={richText}
        workspace={ws.workspace}
        id={id}
        readOnly={readOnly}
        listedTitle={entry?.title ?? ''}
        autoFocus={entry?.createdBy === me.user.id && entry.title === ''}
      />
      <div className="editor-frame" data-testid="editor">
        <TandemEditor
          handle={handle}
          user={me.user}
          label="Document text"
          onWordCount={setWords}
          onReady={setEditor}
        />
      </div>
      <footer className="doc-foot muted" data-testid="word-count">
        {words} {words === 1 ? 'word' : 'words'}
      </footer>
    </article>
  )
}
