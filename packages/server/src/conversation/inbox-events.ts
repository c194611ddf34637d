import {
  parseMentions,
  type ChatMessage,
  type CommentThread,
  type NotificationKind,
  type NotificationTarget,
  type Person,
} from '@tandem/schema'

/** One notification to write: into `recipient`'s inbox. */
export interface InboxEvent {
  readonly recipient: string
  readonly kind: NotificationKind
  readonly actor: Person
  readonly target: NotificationTarget
  readonly excerpt: string
}

/** At most this many people are notified from one comment or message (mention spam). */
export const MAX_MENTIONS = 20

/**
 * The notifications the comments in `commentIds` of a thread give: a mention to each person
 * named in a comment, and a reply to everyone who spoke in the thread before (its opener
 * included) and is not mentioned in the same reply. Nobody is notified of their own words.
 */
export function threadEvents(
  docName: string,
  thread: CommentThread,
  commentIds: ReadonlySet<string> | 'all',
): InboxEvent[] {
  const events: InboxEvent[] = []
  const earlier = new Set<string>([thread.createdBy.id])
  for (const comment of thread.comments) {
    const author = comment.author.id
    if (!comment.deleted && (commentIds === 'all' || commentIds.has(comment.id))) {
      const target = { doc: docName, threadId: thread.id, commentId: comment.id }
      const mentioned = parseMentions(comment.body)
        .filter((id) => id !== author)
        .slice(0, MAX_MENTIONS)
      for (const recipient of mentioned) {
        events.push({
          recipient,
          kind: 'mention',
          actor: comment.author,
          target,
          excerpt: comment.body,
        })
      }
      if (comment !== thread.comments[0]) {
        for (const recipient of earlier) {
          if (recipient === author || mentioned.includes(recipient)) continue
          events.push({
            recipient,
            kind: 'reply',
            actor: comment.author,
            target,
            excerpt: comment.body,
          })
        }
      }
    }
    earlier.add(author)
  }
  return events.filter((event) => event.recipient !== '')
}

/** The mention notifications a chat message gives. */
export function messageEvents(docName: string, message: ChatMessage): InboxEvent[] {
  if (message.deleted) return []
  return parseMentions(message.body)
    .filter((id) => id !== message.author.id)
    .slice(0, MAX_MENTIONS)
    .map((recipient) => ({
      recipient,
      kind: 'mention' as const,
      actor: message.author,
      target: { doc: docName, messageId: message.id },
      excerpt: message.body,
    }))
}
