import type { Extensions } from '@tiptap/core'
import Collaboration from '@tiptap/extension-collaboration'
import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import Image from '@tiptap/extension-image'
import { TaskItem, TaskList } from '@tiptap/extension-list'
import { TableKit } from '@tiptap/extension-table'
import { CharacterCount, Placeholder } from '@tiptap/extensions'
import StarterKit from '@tiptap/starter-kit'
import type * as Y from 'yjs'
import type { Awareness } from 'y-protocols/awareness'
import { ReadOnlyGuard } from './guard.js'
import { SyncGuards } from './sync-guards.js'
import { LinkShortcut } from './link-shortcut.js'
import { LocalTrailingNode } from './trailing-node.js'
import { TypingPresence } from './typing.js'
import { parseLinkUrl } from './urls.js'
import { presenceUser, type EditorUser } from './user.js'

/** Options of {@link tandemExtensions}. */
export interface TandemExtensionsOptions {
  /** The rich text, normally `richTextDoc(ydoc).content` (Y.XmlFragment `content`). */
  fragment: Y.XmlFragment
  /** Presence of this document; without it there are no carets and no typing indicator. @default null */
  awareness?: Awareness | null
  /** Who is typing; published as awareness `user`. Required with `awareness`. @default undefined */
  user?: EditorUser
  /** Text shown in an empty document. @default 'Start writing…' */
  placeholder?: string
  /** How long `typing: true` stays after the last keystroke. @default 1500 */
  typingIdleMs?: number
}

/**
 * The Tiptap extensions of a Tandem document, bound to Yjs. Usable without React (a headless
 * `new Editor({ extensions: tandemExtensions(...) })`), which is also how the tests drive it.
 */
export function tandemExtensions(options: TandemExtensionsOptions): Extensions {
  const awareness = options.awareness ?? null
  const extensions: Extensions = [
    StarterKit.configure({
      // Collaboration brings Yjs undo, which only undoes this user's own changes.
      undoRedo: false,
      // Replaced by LocalTrailingNode: the stock one duplicates paragraphs across peers.
      trailingNode: false,
      link: {
        openOnClick: false,
        autolink: true,
        defaultProtocol: 'https',
        // Same rule as the link dialog, so pasted or autolinked text cannot sneak in javascript:.
        isAllowedUri: (url) => parseLinkUrl(url).ok,
      },
    }),
    TaskList,
    TaskItem.configure({ nested: true }),
    TableKit.configure({ table: { resizable: false } }),
    Image.configure({ inline: false, allowBase64: false }),
    Placeholder.configure({ placeholder: options.placeholder ?? 'Start writing…' }),
    CharacterCount,
    Collaboration.configure({ fragment: options.fragment }),
    SyncGuards,
    LocalTrailingNode,
    ReadOnlyGuard,
    LinkShortcut,
  ]
  if (awareness) {
    if (!options.user)
      throw new TypeError('tandemExtensions: `user` is required when `awareness` is given')
    extensions.push(
      // The caret extension only reads `provider.awareness`; a bare object avoids tying the
      // editor to a particular provider class.
      CollaborationCaret.configure({ provider: { awareness }, user: presenceUser(options.user) }),
      TypingPresence.configure({ awareness, idleMs: options.typingIdleMs ?? 1500 }),
    )
  }
  return extensions
}
