import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'

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
