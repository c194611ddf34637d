export { DOC_KINDS, isDocKind, isValidId, parseDocName, docName, newId } from './names.js'
export type { DocKind, DocName } from './names.js'
export {
  ERROR_CODES,
  ERROR_CODE_LIST,
  isErrorCode,
  TandemError,
  closeEventFor,
  closeEventToError,
} from './errors.js'
export type { ErrorCode } from './errors.js'
export {
  ROLES,
  isRole,
  roleAtLeast,
  writeRoleFor,
  canWrite,
  governingDocName,
  resolveRole,
} from './roles.js'
export type { Role } from './roles.js'
export { ORIGIN } from './origins.js'
export type { Origin } from './origins.js'
export { USER_COLORS, colorForUser, isColor } from './color.js'
export { META_MAP, SCHEMA_VERSION_KEY, schemaVersion, migrate } from './migrations.js'
export type { Migration } from './migrations.js'
export {
  WORKSPACE_ENTRIES,
  WORKSPACE_MEMBERS,
  WORKSPACE_MIGRATIONS,
  MAX_TITLE_LENGTH,
  WorkspaceDoc,
  workspaceDoc,
} from './workspace.js'
export type { WorkspaceEntry, WorkspaceItemKind, WorkspaceMember } from './workspace.js'
export {
  CONTENT_FIELD,
  TITLE_KEY,
  RICH_TEXT_MIGRATIONS,
  RichTextDoc,
  richTextDoc,
} from './richtext.js'
export { MAX_MESSAGE_LENGTH, mentionToken, parseMentions, safeUrl, segmentText } from './text.js'
export type { Person, Post, TextSegment } from './text.js'
export {
  COMMENT_THREADS,
  COMMENTS_MIGRATIONS,
  CommentsDoc,
  commentsDoc,
  resolveAnchor,
} from './comments.js'
export type { Comment, CommentThread, ResolvedAnchor } from './comments.js'
export { CHAT_MESSAGES, CHAT_READS, CHAT_MIGRATIONS, ChatDoc, chatDoc } from './chat.js'
export type { ChatMessage, ReadMarker } from './chat.js'
export {
  INBOX_NOTIFICATIONS,
  INBOX_MIGRATIONS,
  NOTIFICATION_KINDS,
  InboxDoc,
  inboxDoc,
  notificationId,
} from './inbox.js'
export type { Notification, NotificationKind, NotificationTarget } from './inbox.js'
export {
  SHAPE_TYPES,
  SHAPE_DEFAULTS,
  MAX_SHAPE_TEXT,
  MAX_STROKE_POINTS,
  MAX_COORDINATE,
  isShapeType,
  isConnector,
  readShape,
  checkShapeFields,
} from './board-shape.js'
export type { Shape, ShapeType, ShapeFields, ShapeInput, Binding } from './board-shape.js'
export {
  BOARD_SHAPES,
  BOARD_MIGRATIONS,
  BoardDoc,
  boardDoc,
  compareShapes,
  createBoardUndoManager,
} from './board.js'
export { connectorEnds, toShapeFrame } from './board-geometry.js'
export type { ConnectorEnds } from './board-geometry.js'
export {
  BOARD_TEXT_STYLE,
  boardShapeBounds,
  boardSvgBounds,
  boardToSvg,
  escapeXml,
} from './board-svg.js'
export type { BoardSvgOptions } from './board-svg.js'
