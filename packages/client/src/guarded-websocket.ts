type WebSocketClass = new (url: string, protocols?: string | string[]) => object

interface NodeStyleSocket {
  on(event: 'error', listener: (error: unknown) => void): unknown
}

/**
 * In Node, the `ws` package emits 'error' through an EventEmitter, and an 'error' with no
 * listener is thrown: it would crash the host process. The provider removes its listeners
 * before it closes a socket that is still connecting (a reconnect, an `online` event), and
 * `ws` reports that close as an error. Each socket made through this class keeps a listener
 * for its whole life. The listener has nothing else to do: the 'close' event that always
 * follows an error is what the client acts on (status, reconnect).
 *
 * Browser WebSockets are EventTargets; an unhandled 'error' event there is harmless, so
 * classes without `on` are returned unchanged.
 */
export function guardWebSocket(Base: unknown): unknown {
  const ctor = Base as WebSocketClass & { prototype?: { on?: unknown } }
  if (typeof ctor !== 'function' || typeof ctor.prototype?.on !== 'function') return Base
  return class GuardedWebSocket extends ctor {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols)
      ;(this as unknown as NodeStyleSocket).on('error', closeFollows)
    }
  }
}

function closeFollows(): void {
  // See guardWebSocket: the following 'close' event carries the consequence.
}
