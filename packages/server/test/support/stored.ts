import * as Y from 'yjs'

/** What `UpdateStore.load` returns, as far as rebuilding the document goes. */
export interface StoredParts {
  snapshot: Uint8Array | null
  updates: Uint8Array[]
}

/** The document a store holds: its snapshot with the log applied on top. */
export function storedDoc(stored: StoredParts): Y.Doc {
  const doc = new Y.Doc()
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
  for (const update of stored.updates) Y.applyUpdate(doc, update)
  return doc
}

/** The text of the Y.Text `t` (what the tests write) in what a store holds. */
export function storedText(stored: StoredParts): string {
  return storedDoc(stored).getText('t').toString()
}
