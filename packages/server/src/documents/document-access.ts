import type { Hocuspocus } from '@hocuspocus/server'
import * as Y from 'yjs'
import { TandemError } from '@tandem/schema'
import type { CollabContext, SessionUser } from '../collab/context.js'
import type { UpdateStore } from '../store/update-store.js'

/** Options for {@link DocumentAccess}. */
export interface DocumentAccessOptions {
  /** The Hocuspocus instance whose loaded documents are read and changed. */
  hocuspocus: () => Hocuspocus
  store: UpdateStore
  /** How long a change waits for the persistence hook to start its append before failing. @default 10000 */
  storeTimeoutMs?: number
}

/**
 * Server-side reads and writes of documents for the REST API, version restore and export. A
 * read uses the document Hocuspocus has loaded (it holds edits not yet stored) or else the
 * store; a write is a Yjs change applied through a Hocuspocus direct connection, so connected
 * clients receive it live, and it resolves only once the change is stored (durability contract).
 */
export class DocumentAccess {
  private readonly storeTimeoutMs: number

  constructor(private readonly options: DocumentAccessOptions) {
    this.storeTimeoutMs = options.storeTimeoutMs ?? 10_000
  }

  /**
   * The current state of `name` as a Y.Doc, or null when it has never been written. The result
   * may be Hocuspocus' live document: read it synchronously, never change it.
   */
  async read(name: string): Promise<Y.Doc | null> {
    const loaded = this.options.hocuspocus().documents.get(name)
    // A loaded document with no content yet (a client just opened it) was never written.
    if (loaded && !loaded.isLoading) return loaded.store.clients.size > 0 ? loaded : null
    const stored = await this.options.store.load(name)
    if (!stored.snapshot && stored.updates.length === 0) return null
    const doc = new Y.Doc()
    Y.transact(doc, () => {
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
      for (const update of stored.updates) Y.applyUpdate(doc, update)
    })
    return doc
  }

  /**
   * Runs `change` on the live document as `user` and resolves once what it changed is stored.
   * Returns whether the document changed. Throws TandemError `storage-failed` when it could not
   * be stored (the change then stays in memory and is stored by the next write, like any
   * unacknowledged update).
   */
  async change(name: string, user: SessionUser, change: (doc: Y.Doc) => void): Promise<boolean> {
    const appends: Promise<boolean>[] = []
    let notify: (() => void) | undefined
    const context: CollabContext = {
      user,
      onStored: (stored) => {
        appends.push(stored)
        notify?.()
      },
    }
    const connection = await this.options.hocuspocus().openDirectConnection(name, context)
    let updates = 0
    try {
      const document = connection.document
      if (!document) throw new Error('direct connection has no document')
      const count = (): void => void updates++
      document.on('update', count)
      try {
        await connection.transact((doc) => change(doc))
      } finally {
        document.off('update', count)
      }
      // Hocuspocus runs the onChange hooks (and so the append) a few promise turns later.
      if (updates > appends.length) {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(
            () => reject(new TandemError('storage-failed', 'the change was not stored in time')),
            this.storeTimeoutMs,
          )
          notify = () => {
            if (appends.length < updates) return
            clearTimeout(timer)
            resolve()
          }
          notify()
        })
      }
      const results = await Promise.all(appends)
      if (results.includes(false)) throw new TandemError('storage-failed')
    } finally {
      await connection.disconnect()
    }
    return updates > 0
  }
}
