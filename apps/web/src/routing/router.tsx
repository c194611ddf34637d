import {
  useCallback,
  useSyncExternalStore,
  type AnchorHTMLAttributes,
  type MouseEvent,
} from 'react'

/** The app's routes (ARCHITECTURE.md "Web app routes"). */
export type Route =
  | { page: 'home' }
  | { page: 'doc'; id: string }
  | { page: 'board'; id: string }
  | { page: 'not-found'; path: string }

const ID = '([A-Za-z0-9_-]{1,64})'
const DOC = new RegExp(`^/doc/${ID}/?$`)
const BOARD = new RegExp(`^/board/${ID}/?$`)

/** Maps a location path to a route; ids that cannot be document ids are "not found". */
export function parseRoute(path: string): Route {
  if (path === '/' || path === '') return { page: 'home' }
  const doc = DOC.exec(path)
  if (doc?.[1]) return { page: 'doc', id: doc[1] }
  const board = BOARD.exec(path)
  if (board?.[1]) return { page: 'board', id: board[1] }
  return { page: 'not-found', path }
}

/** The path of a route, the inverse of parseRoute. */
export function routePath(route: Route): string {
  switch (route.page) {
    case 'home':
      return '/'
    case 'doc':
      return `/doc/${route.id}`
    case 'board':
      return `/board/${route.id}`
    case 'not-found':
      return route.path
    default:
      return assertNever(route)
  }
}

const NAVIGATE = 'tandem:navigate'

/** Goes to `path` without a page load (history.pushState). */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (path === location.pathname) return
  if (options.replace) history.replaceState(null, '', path)
  else history.pushState(null, '', path)
  window.dispatchEvent(new Event(NAVIGATE))
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange)
  window.addEventListener(NAVIGATE, onChange)
  return () => {
    window.removeEventListener('popstate', onChange)
    window.removeEventListener(NAVIGATE, onChange)
  }
}

/** The current route, re-rendering on navigation and back/forward. */
export function useRoute(): Route {
  const path = useSyncExternalStore(subscribe, () => location.pathname)
  return parseRoute(path)
}

/** An anchor that navigates in-app on a plain click and behaves normally otherwise. */
export function Link({
  href,
  onClick,
  ...rest
}: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const handleClick = useCallback(
    (event: MouseEvent<HTMLAnchorElement>) => {
      onClick?.(event)
      if (event.defaultPrevented || event.button !== 0) return
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
      event.preventDefault()
      navigate(href)
    },
    [href, onClick],
  )
  return <a href={href} onClick={handleClick} {...rest} />
}

function assertNever(value: never): never {
  throw new Error(`unexpected route ${JSON.stringify(value)}`)
}
