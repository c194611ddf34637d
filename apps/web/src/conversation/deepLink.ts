import { useEffect, useState } from 'react'

const COMMENT_HASH = /^#comment-([A-Za-z0-9_-]{1,64})$/

/** The thread id in a `#comment-<threadId>` location hash, or null. */
export function commentIdFromHash(hash: string): string | null {
  return COMMENT_HASH.exec(hash)?.[1] ?? null
}

/**
 * The thread a deep link (`/doc/<id>#comment-<threadId>`, what notifications link to) points
 * at, following later hash changes and in-app navigations.
 */
export function useCommentDeepLink(): string | null {
  const [id, setId] = useState(() => commentIdFromHash(location.hash))
  useEffect(() => {
    const read = () => setId(commentIdFromHash(location.hash))
    window.addEventListener('hashchange', read)
    window.addEventListener('popstate', read)
    window.addEventListener('tandem:navigate', read)
    return () => {
      window.removeEventListener('hashchange', read)
      window.removeEventListener('popstate', read)
      window.removeEventListener('tandem:navigate', read)
    }
  }, [])
  return id
}
