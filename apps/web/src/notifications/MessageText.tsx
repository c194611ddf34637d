import { segmentText } from '@tandem/schema'
import { useAppWorkspace } from '../workspace.js'

/**
 * A comment, message or notification body as text nodes: mentions become "@Name" (from the
 * workspace's member list, which works offline), http(s)/mailto URLs plain links. Nothing in
 * a body is ever parsed as HTML.
 */
export function MessageText({ body, links = true }: { body: string; links?: boolean }) {
  const { workspace } = useAppWorkspace()
  return (
    <>
      {segmentText(body).map((segment, i) => {
        switch (segment.type) {
          case 'text':
            return <span key={i}>{segment.text}</span>
          case 'mention':
            return (
              <span key={i} className="mention">
                @{workspace?.member(segment.userId)?.name ?? segment.userId}
              </span>
            )
          case 'link':
            return links ? (
              <a key={i} href={segment.href} target="_blank" rel="noopener noreferrer nofollow">
                {segment.text}
              </a>
            ) : (
              <span key={i}>{segment.text}</span>
            )
        }
      })}
    </>
  )
}
