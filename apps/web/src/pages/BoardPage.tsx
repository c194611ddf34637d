import { ChatDock } from '../conversation/chat/ChatDock.js'
import { Link } from '../routing/router.js'
import { useAppWorkspace } from '../workspace.js'

/** `/board/<id>`: the route exists; the whiteboard itself is a later issue. */
export function BoardPage({ id }: { id: string }) {
  const { entries } = useAppWorkspace()
  const entry = entries.find((item) => item.id === id)
  return (
    <section className="placeholder" data-testid="board-page">
      <div className="board-chat">
        <ChatDock roomName={`chat:${id}`} title="Board chat" />
      </div>
      <h1>{entry?.title || 'Untitled board'}</h1>
      <p className="lead">Boards are coming.</p>
      <p className="muted">
        Whiteboards with shapes, sticky notes and live pointers are on their way. This board is
        already in your workspace and will open here.
      </p>
      <Link href="/" className="button">
        Back to the workspace
      </Link>
    </section>
  )
}
