import { parseDocName, type NotificationTarget, type WorkspaceDoc } from '@tandem/schema'

/**
 * The app path a notification leads to: the document or board its comment or message is on,
 * with `#comment-<thread>` or `#chat-<message>` for the page to open and scroll to; a message
 * of a room that is not a document's or a board's (the workspace room) leads home.
 */
export function notificationHref(
  target: NotificationTarget,
  workspace: WorkspaceDoc | null,
): string {
  const parsed = parseDocName(target.doc)
  if (!parsed) return '/'
  const entry = workspace?.get(parsed.id)
  const kind = entry?.kind ?? (parsed.kind === 'board' ? 'board' : 'doc')
  const fragment = target.threadId
    ? `#comment-${target.threadId}`
    : target.messageId
      ? `#chat-${target.messageId}`
      : ''
  if (parsed.kind === 'chat' && !entry) return `/${fragment}`
  return `/${kind}/${parsed.id}${fragment}`
}

/** Where a notification happened, for people: the title of its document or board. */
export function notificationPlace(
  target: NotificationTarget,
  workspace: WorkspaceDoc | null,
): string {
  const parsed = parseDocName(target.doc)
  const entry = parsed ? workspace?.get(parsed.id) : null
  if (entry) return entry.title || (entry.kind === 'board' ? 'Untitled board' : 'Untitled')
  return parsed?.kind === 'chat' ? 'the workspace chat' : 'a document'
}
