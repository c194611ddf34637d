import { useEffect, useMemo, useState } from 'react'
import { inboxDoc, type Notification } from '@tandem/schema'
import type * as Y from 'yjs'

/** The notifications of an open `inbox:` document, live. */
export interface InboxState {
  items: Notification[]
  unread: number
  markRead(id: string): void
  markAllRead(): void
}

/** Reads an inbox document and re-renders on every change to it; null until it is open. */
export function useInbox(doc: Y.Doc | null): InboxState | null {
  const inbox = useMemo(() => (doc ? inboxDoc(doc) : null), [doc])
  const [version, setVersion] = useState(0)
  useEffect(() => inbox?.observe(() => setVersion((v) => v + 1)), [inbox])
  return useMemo(() => {
    if (!inbox) return null
    void version // recomputed on every change the observer counted
    return {
      items: inbox.list(),
      unread: inbox.unreadCount(),
      markRead: (id: string) => inbox.markRead(id),
      markAllRead: () => inbox.markAllRead(),
    }
  }, [inbox, version])
}
