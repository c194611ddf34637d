import type { TandemClient } from '@tandem/client'
import { docName, richTextDoc, type WorkspaceDoc, type WorkspaceEntry } from '@tandem/schema'

/**
 * Renames an item everywhere its title lives: the workspace entry and, for documents, the
 * `meta` title inside the document, so the list and the open document never disagree. Works
 * offline: the document is opened from the device, and the client keeps it open after the
 * release until the server has the change. Throws TandemError('bad-request') for a bad title,
 * before anything is written.
 */
export function renameItem(
  client: TandemClient,
  workspace: WorkspaceDoc,
  entry: WorkspaceEntry,
  title: string,
): void {
  workspace.rename(entry.id, title)
  if (entry.kind !== 'doc') return
  const handle = client.open(docName('doc', entry.id))
  // After the device's copy is applied, so that this write follows what the user last saw.
  handle.whenLoaded
    .then(() => {
      const doc = richTextDoc(handle.doc)
      if (doc.title !== title.trim()) doc.setTitle(title)
    })
    .catch((error: unknown) => console.error(`tandem: renaming doc:${entry.id} failed`, error))
    .finally(() => handle.release())
}
