import { segmentText } from '@tandem/schema'
import { useMemo } from 'react'

/** Props of {@link MessageBody}. */
export interface MessageBodyProps {
  /** A stored comment or chat body (mentions as `<@userId>`). */
  body: string
  /** Display name of a mentioned user; null shows "@unknown". */
  nameOf: (userId: string) => string | null
  /** The signed-in user, whose mentions are emphasised. @default undefined */
  selfId?: string
  /** @default 'tandem-message-body' */
  className?: string
  /** Render links as anchors; false shows them as text (inside a button, say). @default true */
  links?: boolean
}

/**
 * Renders a body as React text nodes, safe links and mention chips — never as HTML, so
 * `<script>` or `<img onerror>` in a message is only ever text. Links are http(s)/mailto
 * only (`safeUrl`), open in a new tab and pass no opener or referrer.
 */
export function MessageBody({ body, nameOf, selfId, className, links = true }: MessageBodyProps) {
  const segments = useMemo(() => segmentText(body), [body])
  return (
    <span className={className ?? 'tandem-message-body'}>
      {segments.map((segment, i) => {
        switch (segment.type) {
          case 'text':
            return <span key={i}>{segment.text}</span>
          case 'link':
            return links ? (
              <a key={i} href={segment.href} rel="noopener noreferrer" target="_blank">
                {segment.text}
              </a>
            ) : (
              <span key={i}>{segment.text}</span>
            )
          case 'mention': {
            const name = nameOf(segment.userId)
            return (
              <span
                key={i}
                className={
                  segment.userId === selfId
                    ? 'tandem-mention tandem-mention--self'
                    : 'tandem-mention'
                }
                data-user-id={segment.userId}
              >
                @{name ?? 'unknown'}
              </span>
            )
          }
          default: {
            const never: never = segment
            return never
          }
        }
      })}
    </span>
  )
}
