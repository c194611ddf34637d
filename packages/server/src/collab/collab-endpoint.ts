import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import type { Connection, Hocuspocus, WebSocketLike } from '@hocuspocus/server'
import { TandemError } from '@tandem/schema'
import * as encoding from 'lib0/encoding'
import { encodeAwarenessUpdate } from 'y-protocols/awareness'
import { WebSocketServer, type RawData, type WebSocket } from 'ws'
import type { Logger } from '../logger.js'
import type { ServerMetrics } from '../metrics.js'
import { AwarenessInbox } from './awareness-inbox.js'
import { CollabSocket, type SocketLimits } from './collab-socket.js'
import { SlowLane } from './slow-lane.js'
import { YjsWire } from './wire.js'
import { parseYjsDoor, YJS_PATH, type YjsDoor } from './yjs-door.js'

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
 * The `/collab` and `/yjs/<name>` WebSocket endpoints on our own HTTP server. Replicates what
 * `@hocuspocus/server`'s Server does through crossws (open -> handleConnection, message ->
 * handleMessage, close -> handleClose) with `ws` directly, and puts a {@link CollabSocket}
 * between the two so every frame is screened first. A `/yjs` socket is one Hocuspocus document
 * connection whose frames a {@link YjsWire} translates, so it takes the same path through the
 * slow lane, the checks, authentication, persistence and awareness coalescing.
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

  /** Handles an HTTP upgrade request; refuses paths other than /collab and /yjs/* with 404. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = (request.url ?? '/').split('?')[0] ?? '/'
    const door = path.startsWith(`${YJS_PATH}/`) ? parseYjsDoor(request.url ?? '/') : undefined
    if (path !== COLLAB_PATH && !door) {
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
      this.wss.handleUpgrade(request, socket, head, (ws) => {
        if (door instanceof TandemError) {
          // Refused before any Hocuspocus work, with the close code a WebSocket client can read
          // (a browser cannot see the status of a refused upgrade).
          this.options.metrics.refusals.inc({ code: door.code })
          const { code, reason } = door.toCloseEvent()
          ws.close(code, reason)
          return
        }
        this.accept(ws, request, door)
      })
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

  private accept(ws: WebSocket, request: IncomingMessage, door?: YjsDoor): void {
    const { hocuspocus, limits, metrics, logger } = this.options
    const wire = door ? new YjsWire(door.documentName) : undefined
    const socket = new CollabSocket(ws, randomUUID(), limits, metrics, logger, wire)
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
      if (!wire) return false
      // A y-websocket client sends no auth message: the token of the URL stands in for one,
      // ahead of everything the client sends (Hocuspocus queues that until auth completes).
      connection.handleMessage(wire.authFrame(door?.token ?? ''))
      return true
    })
    ws.on('message', (data: RawData, isBinary: boolean) => {
      const admitted = socket.admit(toBytes(data), isBinary)
      if (!admitted) return
      const { frame, bytes } = admitted
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
      if (frame.queryAwareness) {
        // Hocuspocus answers a query only on its direct (reply) path, not on a connection.
        established.send(awarenessFrame(established))
      } else if (frame.awareness) {
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

const MESSAGE_AWARENESS = 1

// Every awareness state of the connection's document, as an answer to a query-awareness.
function awarenessFrame(connection: Connection): Uint8Array {
  const awareness = connection.document.awareness
  const encoder = encoding.createEncoder()
  encoding.writeVarString(encoder, connection.messageAddress)
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS)
  encoding.writeVarUint8Array(
    encoder,
    encodeAwarenessUpdate(awareness, [...awareness.getStates().keys()]),
  )
  return encoding.toUint8Array(encoder)
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
