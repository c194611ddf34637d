import * as encoding from 'lib0/encoding'
import { afterEach } from 'vitest'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { connect, type TestClient, type TestServer } from './helpers.js'
import { storedText } from './stored.js'

/** A stock y-websocket `WebsocketProvider` on the `/yjs` door, as an existing Yjs app uses it. */
export interface YjsClient {
  provider: WebsocketProvider
  doc: Y.Doc
  /** Close events the socket received from the server (code, reason). */
  closes: { code: number; reason: string }[]
  destroy(): void
}

/** `http://127.0.0.1:port` -> `ws://127.0.0.1:port/yjs`, the server URL a provider is given. */
export function yjsUrl(httpUrl: string): string {
  return httpUrl.replace('http', 'ws') + '/yjs'
}

export function connectYjs(
  serverUrl: string,
  name: string,
  token: string | undefined,
  options: { doc?: Y.Doc } = {},
): YjsClient {
  const doc = options.doc ?? new Y.Doc()
  const closes: { code: number; reason: string }[] = []
  const provider = new WebsocketProvider(serverUrl, name, doc, {
    params: token === undefined ? {} : { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    // Node has BroadcastChannel: two providers of one process would sync through it, past the
    // server under test.
    disableBc: true,
    maxBackoffTime: 200,
  })
  provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: String(event.reason) })
  })
  return {
    provider,
    doc,
    closes,
    destroy() {
      provider.destroy()
    },
  }
}

/** Polls an async condition until true or the deadline passes (then throws with `what`). */
export async function eventually(
  condition: () => Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

/** A bare socket on the door, for hand-made (or broken) y-websocket frames. */
export interface RawDoor {
  ws: WebSocket
  received: Uint8Array[]
  /** Resolves with the close event once the server closes the socket. */
  closed: Promise<{ code: number; reason: string }>
}

export async function openDoor(url: string): Promise<RawDoor> {
  const ws = new WebSocket(url)
  const received: Uint8Array[] = []
  ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)))
  ws.on('error', () => undefined)
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  )
  await new Promise<void>((resolve) => ws.once('open', () => resolve()))
  return { ws, received, closed }
}

/** A y-websocket sync step 1 (type 0, step 0) with the state vector of `doc`. */
export function syncStep1(doc = new Y.Doc()): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 0)
  encoding.writeVarUint(e, 0)
  encoding.writeVarUint8Array(e, Y.encodeStateVector(doc))
  return encoding.toUint8Array(e)
}

/**
 * The clients and server of each test in a describe block: clients are destroyed and the
 * server stopped after each test (registers an afterEach).
 */
export function doorFixture() {
  const state: { srv: TestServer | undefined } = { srv: undefined }
  const clients: { destroy(): void }[] = []
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy()
    await state.srv?.stop()
    state.srv = undefined
  })
  const server = (): TestServer => {
    if (!state.srv) throw new Error('no server started in this test')
    return state.srv
  }
  return {
    state,
    server,
    /** A stock WebsocketProvider on the door of the current server. */
    yjs(name: string, token: string | undefined): YjsClient {
      const c = connectYjs(yjsUrl(server().url), name, token)
      clients.push(c)
      return c
    },
    /** A stock HocuspocusProvider on /collab of the current server. */
    hocuspocus(name: string, token: string): TestClient {
      const c = connect(server().wsUrl, name, token)
      clients.push(c)
      return c
    },
    /** The text `t` of what the store holds for `name`. */
    async stored(name: string): Promise<string> {
      return storedText(await server().server.store.load(name))
    },
  }
}
