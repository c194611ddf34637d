import type { TandemClient } from '@tandem/client'
import {
  chatDoc,
  inboxDoc,
  richTextDoc,
  workspaceDoc,
  parseDocName,
  type ChatMessage,
  type Notification,
  type Person,
  type WorkspaceEntry,
} from '@tandem/schema'
import type * as Y from 'yjs'

/**
 * What end-to-end tests read instead of the DOM: document contents straight from the Y.Doc
 * (innerText depends on layout and carets). Installed on `window.__tandem`.
 */
export interface TandemTestHook {
  client: TandemClient
  /** Plain text of a `doc:` document (one line per block), from this tab's replica. */
  text(name: string): Promise<string>
  /** The title in a `doc:` document's meta map. */
  title(name: string): Promise<string>
  /** Every entry of a `workspace:` document, trashed ones too. */
  entries(name: string): Promise<WorkspaceEntry[]>
  /** Any document as JSON (`Y.Doc.toJSON()`-like, per top-level type), for debugging. */
  json(name: string): Promise<Record<string, unknown>>
  /** The signed-in user. */
  me: Person
  /** Sends a chat message as the signed-in user into a `chat:` document (stays open until synced). */
  sendChat(name: string, body: string): Promise<ChatMessage>
  /** The signed-in user's notifications, from this tab's replica of their inbox. */
  notifications(): Promise<Notification[]>
}

declare global {
  interface Window {
    __tandem?: TandemTestHook
  }
}

/** Installs the test hook for `client`; returns a function that removes it again. */
export function installTestHook(client: TandemClient, me: Person): () => void {
  const read = async <T>(name: string, fn: (doc: Y.Doc) => T): Promise<T> => {
    if (!parseDocName(name))
      throw new Error(`__tandem: invalid document name ${JSON.stringify(name)}`)
    const handle = client.open(name)
    try {
      await handle.whenLoaded
      return fn(handle.doc)
    } finally {
      handle.release()
    }
  }
  const hook: TandemTestHook = {
    client,
    text: (name) => read(name, (doc) => richTextDoc(doc).plainText()),
    title: (name) => read(name, (doc) => richTextDoc(doc).title),
    entries: (name) => read(name, (doc) => workspaceDoc(doc).list({ includeTrashed: true })),
    json: (name) =>
      read(name, (doc) => {
        const out: Record<string, unknown> = {}
        for (const [key, type] of doc.share) out[key] = type.toJSON()
        return out
      }),
    me: { id: me.id, name: me.name },
    sendChat: async (name, body) => {
      if (!parseDocName(name)) throw new Error(`__tandem: invalid document name ${name}`)
      const handle = client.open(name)
      try {
        await handle.whenLoaded
        const message = chatDoc(handle.doc).send({ author: me, body })
        // Held open until the server has it (bounded): a released handle sends on next open.
        const deadline = Date.now() + 15_000
        while (handle.unsynced > 0 && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 50))
        }
        return message
      } finally {
        handle.release()
      }
    },
    notifications: () => read(`inbox:${me.id}`, (doc) => inboxDoc(doc).list()),
  }
  window.__tandem = hook
  return () => {
    if (window.__tandem === hook) delete window.__tandem
  }
}
