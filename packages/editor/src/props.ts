import type { ConnectionState } from '@tandem/client'
import type { TandemError } from '@tandem/schema'
import type { Editor, Extensions } from '@tiptap/core'
import type * as Y from 'yjs'
import type { Awareness } from 'y-protocols/awareness'
import type { GetToken } from './shared-client.js'
import type { EditorUser } from './user.js'

/**
 * What the editor needs from an open document. A `DocHandle` from `@tandem/client` fits, and so
 * does anything else with a Y.Doc and an Awareness (a stock HocuspocusProvider's `document` and
 * `awareness`, for instance).
 */
export interface EditorDocument {
  readonly doc: Y.Doc
  readonly awareness?: Awareness | null
  /** The connection may not write (viewer). @default false */
  readonly readOnly?: boolean
  /** Status changes; followed so a handle that turns read-only mid-session locks the editor. */
  onStatus?(listener: (status: { readonly readOnly: boolean }) => void): () => void
}

/** What `onStatus` reports (connected mode): the socket, this document, and why it failed. */
export interface EditorStatus {
  /** The shared socket: `connecting`, `online` or `offline` (edits keep working offline). */
  readonly connection: ConnectionState
  /** This document finished its sync with the server on the current connection. */
  readonly synced: boolean
  /** Local changes of this document not yet stored by the server (kept on the device). */
  readonly unsynced: number
  /** The token's role lets this user read but not write. */
  readonly readOnly: boolean
  /** A refusal or a bad option, with a stable `code` (`invalid-document-name`, `forbidden`, ...). */
  readonly error?: TandemError
}

/**
 * Props of {@link TandemEditor}: one options object. Give either `serverUrl` + `docId` +
 * `getToken` (the editor connects, sharing one socket per server and user across the page), or
 * an open `handle`, or a `doc` (and `awareness`) from any provider.
 */
export interface TandemEditorProps {
  /**
   * The Tandem server: `wss://host/collab`, or its `https://host` origin (`/collab` is added).
   * @default undefined (use `handle` or `doc`)
   */
  serverUrl?: string
  /** The document id (`[A-Za-z0-9_-]{1,64}`); the editor opens `doc:<docId>`. With `serverUrl`. */
  docId?: string
  /**
   * Returns a JWT your backend signed for this user (claims `sub`, `name`, `color`, `exp`,
   * `roles`). Called once per connection, again before the token's `exp` and again after the
   * server refuses it; one token serves every document on the page. With `serverUrl`.
   */
  getToken?: GetToken
  /**
   * Keep an offline copy of each document in IndexedDB (per user and server).
   * @default true in browsers
   */
  persistence?: boolean
  /** An open document, e.g. `client.open('doc:plan')`. Ignored when `doc` is given. */
  handle?: EditorDocument
  /** The `doc:<id>` Y.Doc; takes precedence over `handle.doc`. */
  doc?: Y.Doc
  /** Presence of the document. @default handle?.awareness ?? null (no carets) */
  awareness?: Awareness | null
  /** The local user: id, display name and caret colour (a stable colour from `id` if absent). */
  user: EditorUser
  /**
   * Viewer mode: not editable, toolbar hidden. Connected, the role in the token decides unless
   * this is true.
   * @default the token's role (connected), handle?.readOnly ?? false otherwise
   */
  readOnly?: boolean
  /**
   * Name of the Y.XmlFragment with the rich text. A stock Tiptap + `@hocuspocus/provider` app
   * writes `default`; pass that to edit its documents.
   * @default 'content'
   */
  field?: string
  /** Tiptap extensions added to Tandem's (keep the array stable). @default [] */
  extensions?: Extensions
  /** Text shown in an empty document. @default 'Start writing…' */
  placeholder?: string
  /** Show the formatting toolbar (never shown when read-only). @default true */
  toolbar?: boolean
  /** Accessible name of the editing area. @default 'Document' */
  label?: string
  /** Connected mode: called with the status whenever it changes. @default undefined */
  onStatus?: (status: EditorStatus) => void
  /**
   * Connected mode: called with the number of this document's changes saved on this device
   * only, whenever it changes (0 = all saved to the server). @default undefined
   */
  onUnsyncedChanges?: (count: number) => void
  /** Called once the editor exists (and again if it is re-created). @default undefined */
  onReady?: (editor: Editor) => void
  /** Called with the word count at start and whenever it changes. @default undefined */
  onWordCount?: (words: number) => void
  /**
   * Colour scheme: `auto` follows the system (prefers-color-scheme); `light`/`dark` pin it.
   * Finer theming: the `--tandem-*` custom properties (see style.css).
   * @default 'auto'
   */
  theme?: 'auto' | 'light' | 'dark'
  /** Extra class on the root element. @default undefined */
  className?: string
}
