import { useEffect, useState } from 'react'

const COMMENT_HASH = /^#comment-([A-Za-z0-9_-]{1,64})$/
const CHAT_HASH = /^#chat-([A-Za-z0-9_-]{1,64})$/

/** The thread id in a `#comment-<threadId>` location hash, or null. */
export function commentIdFromHash(hash: string): string | null {
  return COMMENT_HASH.exec(hash)?.[1] ?? null
}

/** The message id in a `#chat-<messageId>` location hash, or null. */
export function chatIdFromHash(hash: string): string | null {
  return CHAT_HASH.exec(hash)?.[1] ?? null
}

/**
 * The thread a deep link (`/doc/<id>#comment-<threadId>`, what notifications link to) points
 * at, following later hash changes and in-app navigations.
 */
export function useCommentDeepLink(): string | null {
  return useHashId(commentIdFromHash)
}

/** The chat message a deep link (`/doc/<id>#chat-<messageId>`, also on `/` and boards) names. */
export function useChatDeepLink(): string | null {
  return useHashId(chatIdFromHash)
}

function useHashId(parse: (hash: string) => string | null): string | null {
  const [id, setId] = useState(() => parse(location.hash))
  useEffect(() => {
    const read = () => setId(parse(location.hash))
    window.addEventListener('hashchange', read)
    window.addEventListener('popstate', read)
    window.addEventListener('tandem:navigate', read)
    return () => {
      window.removeEventListener('hashchange', read)
      window.removeEventListener('popstate', read)
      window.removeEventListener('tandem:navigate', read)
    }
  }, [parse])
  return id
}
