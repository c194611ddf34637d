import { Link } from '../routing/router.js'

/** The breadcrumb back to the workspace home, at the top of a document or board. */
export function BackToWorkspace() {
  return (
    <nav aria-label="Breadcrumb" className="crumbs">
      <Link href="/">
        <span aria-hidden="true">← </span>Workspace
      </Link>
    </nav>
  )
}
