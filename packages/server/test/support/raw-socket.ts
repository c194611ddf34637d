import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'

/** A bare WebSocket to /collab for sending hand-made (or broken) frames. */
export interface RawSocket {
  ws: WebSocket
  /** Resolves with the close event once the server closes the socket. */
  closed: Promise<{ code: number; reason: string }>
  received: Uint8Array[]
}

export async function openRaw(wsUrl: string): Promise<RawSocket> {
  const ws = new WebSocket(wsUrl)
  const received: Uint8Array[] = []
  ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)))
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  )
  ws.on('error', () => undefined)
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  return { ws, closed, received }
}

/** A Hocuspocus frame: address, message type, then whatever `write` adds. */
export function frame(
  address: string,
  type: number,
  write: (e: encoding.Encoder) => void = () => undefined,
): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarString(e, address)
  encoding.writeVarUint(e, type)
  write(e)
  return encoding.toUint8Array(e)
}

/** The auth message a provider sends first: type 2, token subtype 0, the token. */
export function authFrame(address: string, token: string): Uint8Array {
  return frame(address, 2, (e) => {
    encoding.writeVarUint(e, 0)
    encoding.writeVarString(e, token)
  })
}

/** A sync update message (type 0, step 2 = update) carrying `update`. */
export function updateFrame(address: string, update: Uint8Array): Uint8Array {
  return frame(address, 0, (e) => {
    encoding.writeVarUint(e, 2)
    encoding.writeVarUint8Array(e, update)
  })
}
