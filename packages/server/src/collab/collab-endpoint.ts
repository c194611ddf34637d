import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import type { Hocuspocus, WebSocketLike } from '@hocuspocus/server'
import { WebSocketServer, type RawData, type WebSocket } from 'ws'
import type { Logger } from '../logger.js'
import type { ServerMetrics } from '../metrics.js'
import { AwarenessInbox } from './awareness-inbox.js'
import { CollabSocket, type SocketLimits } from './collab-socket.js'
import { SlowLane } from './slow-lane.js'

/** The path of the Hocuspocus WebSocket endpoint. */
export const COLLAB_PATH = '/collab'

/** Options for {@link CollabEndpoint}. */
export interface CollabEndpointOptions {
  hocuspocus: Hocuspocus
  limits: SocketLimits
  metrics: ServerMetrics
  logger: Logger
}

/**
 * The `/collab` WebSocket endpoint on our own HTTP server. Replicates what
 * `@hocuspocus/server`'s Server does through crossws (open -> handleConnection, message ->
 * handleMessage, close -> handleClose) with `ws` directly, and puts a {@link CollabSocket}
 * between the two so every frame is screened first.
 */
export class CollabEndpoint {
  private readonly wss: WebSocketServer
  private readonly sockets = new Set<CollabSocket>()
  private readonly awareness: AwarenessInbox
  private readonly slowLane: SlowLane<CollabSocket | Duplex>

  constructor(private readonly options: CollabEndpointOptions) {
    this.awareness = new AwarenessInbox({ logger: options.logger })
    this.slowLane = new SlowLane({
      onError: (error) => options.logger.error('collab.handshake_failed', { error }),
    })
    this.wss = new WebSocketServer({
      noServer: true,
      // Hard memory bound in ws itself (it closes with 1009 beyond it). Frames between
      // maxFrameBytes and this bound get Tandem's own `frame-too-large` close code.
      maxPayload: Math.max(
        options.limits.maxFrameBytes * 2,
        options.limits.maxFrameBytes + 1024 * 1024,
      ),
      perMessageDeflate: false,
    })
  }

  /** Open sockets (for shutdown and tests). */
  get size(): number {
    return this.sockets.size
  }

  /** Handles an HTTP upgrade request; refuses paths other than /collab with 404. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = (request.url ?? '/').split('?')[0]
    if (path !== COLLAB_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
      return
    }
    // The upgrade (key hash, 101 response) waits in the slow lane too: in a reconnect storm
    // hundreds arrive in one event-loop turn. The client sends nothing before the 101, and ws
    // destroys a socket that closed meanwhile; until then a reset must not be an unhandled error.
    const onError = (error: Error): void =>
      this.options.logger.debug('collab.upgrade_socket_error', { error })
    socket.on('error', onError)
    this.slowLane.push(socket, () => {
      socket.off('error', onError)
      this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws, request))
    })
  }

  /** Refuses every open socket with `code`, e.g. on shutdown. */
  closeAll(code: number, reason: string): void {
    for (const socket of this.sockets) socket.close(code, reason)
  }

  /** Stops accepting sockets and terminates the ones still open. */
  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate()
    await new Promise<void>((resolve) => this.wss.close(() => resolve()))
  }

  private accept(ws: WebSocket, request: IncomingMessage): void {
    const { hocuspocus, limits, metrics, logger } = this.options
    const socket = new CollabSocket(ws, randomUUID(), limits, metrics, logger)
    this.sockets.add(socket)
    metrics.connections.inc()
    // Listeners go on at once (ws drops frames nobody listens to); the Hocuspocus connection is
    // set up in the slow lane, and so is every frame of this socket until nothing of it waits.
    let connection: ReturnType<Hocuspocus['handleConnection']> | undefined
    const lane = this.slowLane
    lane.push(socket, () => {
      connection = hocuspocus.handleConnection(socket as WebSocketLike, toFetchRequest(request), {
        socket,
      })
    })
    ws.on('message', (data: RawData, isBinary: boolean) => {
      const bytes = toBytes(data)
      const frame = socket.admit(bytes, isBinary)
      if (!frame) return
      const established = lane.pending(socket) ? undefined : socket.connectionFor(frame.address)
      if (!established || !connection) {
        // A handshake message (or anything behind one): it may wait for the edits of
        // established connections.
        lane.push(socket, () => {
          connection?.handleMessage(bytes)
          return true
        })
        return
      }
      if (frame.awareness) {
        // Awareness of an established connection skips Hocuspocus' ordered queue (see
        // AwarenessInbox). Hocuspocus closes sockets it has not heard from for `timeout`; it
        // must still hear about frames that take the short cut.
        connection.lastMessageReceivedAt = Date.now()
        this.awareness.push(established, frame.awareness)
      } else {
        connection.handleMessage(bytes)
      }
    })
    ws.on('close', (code: number, reason: Buffer) => {
      this.sockets.delete(socket)
      metrics.connections.dec()
      socket.dispose()
      const close = (): void => connection?.handleClose({ code, reason: reason.toString() })
      if (lane.pending(socket)) lane.push(socket, close)
      else close()
    })
    // ws emits 'error' for protocol violations (e.g. a frame beyond maxPayload) and then closes;
    // log it so it is not an unhandled 'error' event that would crash the process.
    ws.on('error', (error: Error) =>
      logger.warn('collab.socket_error', { socket: socket.id, error }),
    )
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data))
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
}

// Hocuspocus hooks get a Fetch Request (`requestHeaders.get('host')`), as crossws builds it.
function toFetchRequest(request: IncomingMessage): Request {
  const headers = new Headers()
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue
    headers.set(name, Array.isArray(value) ? value.join(', ') : value)
  }
  const host = request.headers.host ?? 'localhost'
  return new Request(`http://${host}${request.url ?? '/'}`, { headers })
}
