import { Extension } from '@tiptap/core'
import { isChangeOrigin } from '@tiptap/extension-collaboration'
import type { Awareness } from 'y-protocols/awareness'

/** Options of {@link TypingPresence}. */
export interface TypingPresenceOptions {
  /** Awareness to publish `typing` in; nothing happens without one. @default null */
  awareness: Awareness | null
  /** How long after the last keystroke `typing` goes back to false. @default 1500 */
  idleMs: number
}

/**
 * Sets awareness `typing: true` while the local user edits and false after `idleMs` of quiet,
 * so others can show "Alice is typing". Changes that arrive from Yjs (remote edits, undo
 * replays) are not the local user typing and are ignored. Only transitions are published:
 * every awareness change is a network message to every peer.
 */
export const TypingPresence = Extension.create<
  TypingPresenceOptions,
  { timer: ReturnType<typeof setTimeout> | null }
>({
  name: 'tandemTypingPresence',

  addOptions() {
    return { awareness: null, idleMs: 1500 }
  },

  addStorage() {
    return { timer: null }
  },

  onTransaction({ transaction }) {
    const { awareness, idleMs } = this.options
    if (!awareness || !transaction.docChanged || isChangeOrigin(transaction)) return
    if (this.storage.timer === null) setTyping(awareness, true)
    else clearTimeout(this.storage.timer)
    this.storage.timer = setTimeout(() => {
      this.storage.timer = null
      setTyping(awareness, false)
    }, idleMs)
  },

  onDestroy() {
    if (this.storage.timer === null) return
    clearTimeout(this.storage.timer)
    this.storage.timer = null
    if (this.options.awareness) setTyping(this.options.awareness, false)
  },
})

function setTyping(awareness: Awareness, typing: boolean): void {
  // A user who went invisible (null local state) stays invisible: don't resurrect the state.
  if (awareness.getLocalState() === null) return
  awareness.setLocalStateField('typing', typing)
}
