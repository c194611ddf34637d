import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react'
import { SessionBanner } from './components/SessionBanner.js'
import { StatusIndicator } from './components/StatusIndicator.js'
import { UserMenu } from './components/UserMenu.js'
import { NotificationBell } from './notifications/NotificationBell.js'
import { ShortcutsDialog } from './components/ShortcutsDialog.js'
import { HomePage } from './pages/HomePage.js'
import { NotFoundPage } from './pages/NotFoundPage.js'
import { Link, useRoute, type Route } from './routing/router.js'
import { useShortcuts } from './shortcuts.js'

// The editor (Tiptap, ProseMirror) is most of the code: the workspace home loads without it.
// The service worker precaches every chunk, so this costs nothing offline.
const DocPage = lazy(() =>
  import('./pages/DocPage.js').then((module) => ({ default: module.DocPage })),
)
// Likewise the whiteboard: only boards load it.
const BoardPage = lazy(() =>
  import('./pages/BoardPage.js').then((module) => ({ default: module.BoardPage })),
)

/** Signed-in layout: top bar (home, save state, user) and the page of the current route. */
export function Shell() {
  const route = useRoute()
  const [helpOpen, setHelpOpen] = useState(false)
  const showHelp = useCallback(() => setHelpOpen(true), [])
  useShortcuts({ onHelp: showHelp })
  const topbarRef = useTopbarHeight()

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar" ref={topbarRef}>
        <Link href="/" className="brand" aria-label="Tandem home">
          <img src="/icon.svg" alt="" width={28} height={28} />
          <span>Tandem</span>
        </Link>
        <StatusIndicator />
        <NotificationBell />
        <UserMenu onShowShortcuts={showHelp} />
      </header>
      <main id="main" className={route.page === 'board' ? 'page page-wide' : 'page'}>
        <SessionBanner />
        <Suspense fallback={<p className="muted empty">Opening…</p>}>
          <Page route={route} />
        </Suspense>
      </main>
      {helpOpen ? <ShortcutsDialog onClose={() => setHelpOpen(false)} /> : null}
    </div>
  )
}

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'home':
      return <HomePage />
    case 'doc':
      // key: a new document is a fresh page (editor, title draft), never a reused one.
      return <DocPage key={route.id} id={route.id} />
    case 'board':
      return <BoardPage key={route.id} id={route.id} />
    case 'not-found':
      return <NotFoundPage path={route.path} />
  }
}

/** Publishes the top bar's height as `--topbar-height`, so sticky toolbars sit below it. */
function useTopbarHeight() {
  const ref = useRef<HTMLElement>(null)
  useEffect(() => {
    const bar = ref.current
    if (!bar) return
    const root = document.documentElement
    const observer = new ResizeObserver(() =>
      root.style.setProperty('--topbar-height', `${bar.offsetHeight}px`),
    )
    observer.observe(bar)
    return () => observer.disconnect()
  }, [])
  return ref
}
