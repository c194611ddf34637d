export { TandemEditor } from './TandemEditor.js'
export type { TandemEditorProps, EditorDocument, EditorStatus } from './props.js'
export type { GetToken } from './shared-client.js'
export { EditorToolbar } from './EditorToolbar.js'
export type { EditorToolbarProps } from './EditorToolbar.js'
export { useTandemEditor } from './useTandemEditor.js'
export type { UseTandemEditorOptions } from './useTandemEditor.js'
export { tandemExtensions } from './extensions.js'
export type { TandemExtensionsOptions } from './extensions.js'
export { applyLink, removeLink, insertImage, insertTable, MAX_TABLE_SIZE } from './commands.js'
export { parseLinkUrl, parseImageUrl } from './urls.js'
export { onLinkRequest } from './link-shortcut.js'
export { presenceUser } from './user.js'
export type { EditorUser, PresenceUser } from './user.js'
export { EDITOR_INPUT_ERRORS } from './errors.js'
export type { EditorInputError, EditorInputErrorCode, EditorResult } from './errors.js'
export { rangeToAnchor, selectionToAnchor, anchorToRange } from './comments/anchors.js'
export { commentableSelection } from './comments/selection.js'
export type { TextAnchor, TextRange } from './comments/anchors.js'
export {
  commentHighlights,
  commentHighlightsKey,
  setHighlightedThreads,
  setActiveThread,
  threadRanges,
} from './comments/highlights.js'
export type { CommentHighlightsOptions, HighlightedThread } from './comments/highlights.js'
export { useCommentHighlights } from './comments/useCommentHighlights.js'
export type { UseCommentHighlightsOptions } from './comments/useCommentHighlights.js'
export {
  mentionQuery,
  matchMembers,
  insertMention,
  encodeMentions,
  decodeMentions,
} from './comments/mentions.js'
export type { Mentionable, MentionQuery } from './comments/mentions.js'
export { MentionTextarea } from './comments/MentionTextarea.js'
export type { MentionTextareaProps, MentionTextareaHandle } from './comments/MentionTextarea.js'
export { MessageBody } from './comments/MessageBody.js'
export type { MessageBodyProps } from './comments/MessageBody.js'
export type { Editor } from '@tiptap/core'
