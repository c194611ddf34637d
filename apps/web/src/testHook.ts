import type { TandemClient } from '@tandem/client'
import {
  boardDoc,
  chatDoc,
  commentsDoc,
  inboxDoc,
  richTextDoc,
  workspaceDoc,
  parseDocName,
  type ChatMessage,
  type Notification,
  type Person,
  type Shape,
  type ShapeFields,
  type ShapeInput,
  type WorkspaceEntry,
  type WorkspaceMember,
} from '@tandem/schema'
import type { BoardView } from '@tandem/whiteboard'
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
  /** The shapes of a `board:` document in paint order. */
  shapes(name: string): Promise<Shape[]>
  /** Adds shapes to a `board:` document as this user (seeding benchmarks); returns their ids. */
  addShapes(name: string, shapes: ShapeInput[]): Promise<string[]>
  /** Changes shapes of a `board:` document as this user (a peer dragging, in benchmarks). */
  updateShapes(name: string, patches: Record<string, Partial<ShapeFields>>): Promise<void>
  /** Durations (ms) of the open board's paints since the last call (benchmarks); [] if not open. */
  paintTimes(name: string): number[]
  /** Comment threads of a `comments:` document (resolved too), anchors left out. */
  threads(name: string): Promise<ThreadView[]>
  /** Every message of a `chat:` document, in room order. */
  messages(name: string): Promise<ChatMessage[]>
  /**
   * Appends messages to a `chat:` room as `author`, in one transaction through the same typed
   * accessor the UI uses (seeding long rooms in tests without typing each message).
   */
  appendMessages(
    name: string,
    author: { id: string; name: string },
    bodies: string[],
  ): Promise<number>
  /** Members of a `workspace:` document. */
  members(name: string): Promise<WorkspaceMember[]>
  /** Any document as JSON (`Y.Doc.toJSON()`-like, per top-level type), for debugging. */
  json(name: string): Promise<Record<string, unknown>>
  /** The signed-in user. */
  me: Person
  /** Sends a chat message as the signed-in user into a `chat:` document (stays open until synced). */
  sendChat(name: string, body: string): Promise<ChatMessage>
  /** The signed-in user's notifications, from this tab's replica of their inbox. */
  notifications(): Promise<Notification[]>
}

/** A comment thread as the test hook reports it (plain data, comparable across replicas). */
export interface ThreadView {
  id: string
  quote: string
  resolved: boolean
  comments: { id: string; author: string; body: string; deleted: boolean }[]
}

declare global {
  interface Window {
    __tandem?: TandemTestHook
  }
}

const boardViews = new Map<string, BoardView>()

/** Makes an open board's view known to the hook (paint times); returns the unregister function. */
export function registerBoardView(name: string, view: BoardView): () => void {
  boardViews.set(name, view)
  return () => {
    if (boardViews.get(name) === view) boardViews.delete(name)
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
    shapes: (name) => read(name, (doc) => boardDoc(doc).list()),
    addShapes: (name, shapes) =>
      read(name, (doc) =>
        boardDoc(doc)
          .addMany(shapes)
          .map((shape) => shape.id),
      ),
    updateShapes: (name, patches) => read(name, (doc) => boardDoc(doc).update(patches)),
    paintTimes: (name) => boardViews.get(name)?.paintTimes.splice(0) ?? [],
    threads: (name) =>
      read(name, (doc) =>
        commentsDoc(doc)
          .list({ includeResolved: true })
          .map((thread) => ({
            id: thread.id,
            quote: thread.quote,
            resolved: thread.resolved !== null,
            comments: thread.comments.map((c) => ({
              id: c.id,
              author: c.author.name,
              body: c.body,
              deleted: c.deleted,
            })),
          })),
      ),
    messages: (name) =>
      read(name, (doc) => {
        const chat = chatDoc(doc)
        return chat.window(0, chat.length)
      }),
    appendMessages: (name, author, bodies) =>
      read(name, (doc) => {
        const chat = chatDoc(doc)
        doc.transact(() => {
          for (const body of bodies) chat.send({ author, body })
        })
        return chat.length
      }),
    members: (name) => read(name, (doc) => workspaceDoc(doc).memberList()),
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
