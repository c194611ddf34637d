import { Link } from '../routing/router.js'

/** Any path that is not a route of the app. */
export function NotFoundPage({ path }: { path: string }) {
  return (
    <section className="placeholder" data-testid="not-found">
      <h1>Page not found</h1>
      <p className="muted">
        There is nothing at <code>{path}</code>.
      </p>
      <Link href="/" className="button">
        Back to the workspace
      </Link>
    </section>
  )
}
