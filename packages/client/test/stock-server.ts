import type { Duplex } from 'node:stream'
import { Server } from '@hocuspocus/server'
import * as Y from 'yjs'

/**
 * A stock Hocuspocus 4 server for the client's tests, with what the client relies on from
 * Tandem's server: an update is acknowledged only after it is stored (beforeSync appends it
 * to a store that outlives the server instance, like a data dir), and tokens that expire.
 *
 * Tokens: `user:<name>` (read-write), `ro:<name>` (read-only), `exp:<unix ms>:<name>`
 * (refused with reason `token-expired` after that time); anything else is `unauthorized`.
 */
export interface StockServerOptions {
  /** 0 = ephemeral. */
  port?: number
  /** Documents stored here survive close() and are served by the next server on it. */
  store?: Map<string, Uint8Array[]>
}

export interface StockServer {
  readonly port: number
  readonly url: string
  readonly store: Map<string, Uint8Array[]>
  close(): Promise<void>
}

const SYNC_STEP_2 = 1
const SYNC_UPDATE = 2

export async function startStockServer(options: StockServerOptions = {}): Promise<StockServer> {
  const store = options.store ?? new Map<string, Uint8Array[]>()
  const server = new Server({
    port: options.port ?? 0,
    address: '127.0.0.1',
    quiet: true,
    stopOnSignals: false,
    async onAuthenticate({ token, connectionConfig }) {
      const [kind, a] = token.split(':')
      if (kind === 'user') return
      if (kind === 'ro') {
        connectionConfig.readOnly = true
        return
      }
      if (kind === 'exp' && Number(a) > Date.now()) return
      const reason = kind === 'exp' ? 'token-expired' : 'unauthorized'
      throw { reason }
    },
    async onLoadDocument({ document, documentName }) {
      for (const update of store.get(documentName) ?? []) Y.applyUpdate(document, update)
    },
    async beforeSync({ documentName, connection, type, payload }) {
      if (connection.readOnly) return
      if (type !== SYNC_STEP_2 && type !== SYNC_UPDATE) return
      // Storing before Hocuspocus applies and acks the frame: the durability contract.
      const log = store.get(documentName) ?? []
      log.push(payload.slice())
      store.set(documentName, log)
    },
  })
  await server.listen()
  // Server.destroy() closes each document connection but leaves the WebSockets open; a
  // restart in these tests must drop them, as a process exit would.
  const sockets = new Set<Duplex>()
  server.httpServer.on('upgrade', (_request: unknown, socket: Duplex) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })
  const port = server.address.port
  return {
    port,
    url: `ws://127.0.0.1:${port}`,
    store,
    close: async () => {
      await server.destroy()
      for (const socket of sockets) socket.destroy()
    },
  }
}

/** The stored state of `name`, merged (what a fresh server would load). */
export function storedDoc(store: Map<string, Uint8Array[]>, name: string): Y.Doc {
  const doc = new Y.Doc()
  for (const update of store.get(name) ?? []) Y.applyUpdate(doc, update)
  return doc
}
