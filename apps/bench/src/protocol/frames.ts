import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

/**
 * The two wire dialects spoken by the contenders. Both carry y-protocols sync and awareness
 * messages; Hocuspocus prefixes every frame with the document name (one socket can carry many
 * documents) and adds auth and acknowledgement (SyncStatus) messages. y-websocket serves one
 * document per socket, named by the URL path.
 */
export type Dialect = 'hocuspocus' | 'y-websocket'

/** Top-level message types (Hocuspocus' MessageType; y-websocket uses 0 and 1 only). */
export const MESSAGE = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  syncReply: 4,
  syncStatus: 8,
} as const

/** y-protocols sync sub-messages. */
export const SYNC = { step1: 0, step2: 1, update: 2 } as const

/** An encoded empty Yjs update (no structs, empty delete set): what a client with nothing new sends. */
export const EMPTY_UPDATE = new Uint8Array([0, 0])

function frame(
  dialect: Dialect,
  doc: string,
  write: (encoder: encoding.Encoder) => void,
): Uint8Array {
  const encoder = encoding.createEncoder()
  if (dialect === 'hocuspocus') encoding.writeVarString(encoder, doc)
  write(encoder)
  return encoding.toUint8Array(encoder)
}

/** Hocuspocus auth message carrying the token (must precede everything else for a document). */
export function authFrame(doc: string, token: string): Uint8Array {
  return frame('hocuspocus', doc, (e) => {
    encoding.writeVarUint(e, MESSAGE.auth)
    encoding.writeVarUint(e, 0) // AuthMessageType.Token
    encoding.writeVarString(e, token)
  })
}

/** A sync message: step 1 carries a state vector, step 2 and update carry an update. */
export function syncFrame(
  dialect: Dialect,
  doc: string,
  kind: number,
  payload: Uint8Array,
): Uint8Array {
  return frame(dialect, doc, (e) => {
    encoding.writeVarUint(e, MESSAGE.sync)
    encoding.writeVarUint(e, kind)
    encoding.writeVarUint8Array(e, payload)
  })
}

/** An awareness message carrying an encoded awareness update. */
export function awarenessFrame(dialect: Dialect, doc: string, update: Uint8Array): Uint8Array {
  return frame(dialect, doc, (e) => {
    encoding.writeVarUint(e, MESSAGE.awareness)
    encoding.writeVarUint8Array(e, update)
  })
}

/** Encodes one awareness entry the way y-protocols does (clientID, clock, JSON state). */
export function encodeAwarenessEntry(clientId: number, clock: number, state: unknown): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 1)
  encoding.writeVarUint(encoder, clientId)
  encoding.writeVarUint(encoder, clock)
  encoding.writeVarString(encoder, JSON.stringify(state))
  return encoding.toUint8Array(encoder)
}

/** A decoded incoming frame, reduced to what the load generator acts on. */
export type Incoming =
  | { kind: 'step1'; stateVector: Uint8Array }
  | { kind: 'step2'; update: Uint8Array }
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'awareness' }
  | { kind: 'authenticated'; scope: string }
  | { kind: 'denied'; reason: string }
  | { kind: 'ack'; saved: boolean }
  | { kind: 'other'; type: number }

/** Decodes a frame; throws on a malformed one (the caller closes that connection). */
export function parseFrame(dialect: Dialect, data: Uint8Array): Incoming {
  const decoder = decoding.createDecoder(data)
  if (dialect === 'hocuspocus') {
    // A connection-level ping is the bare type byte with no document name.
    if (data.length === 1) return { kind: 'other', type: data[0] as number }
    decoding.readVarString(decoder)
  }
  const type = decoding.readVarUint(decoder)
  switch (type) {
    case MESSAGE.sync:
    case MESSAGE.syncReply: {
      const sub = decoding.readVarUint(decoder)
      const payload = decoding.readVarUint8Array(decoder)
      if (sub === SYNC.step1) return { kind: 'step1', stateVector: payload }
      if (sub === SYNC.step2) return { kind: 'step2', update: payload }
      if (sub === SYNC.update) return { kind: 'update', update: payload }
      throw new Error(`unknown sync message ${sub}`)
    }
    case MESSAGE.awareness:
      return { kind: 'awareness' }
    case MESSAGE.auth: {
      const sub = decoding.readVarUint(decoder)
      if (sub === 2) return { kind: 'authenticated', scope: decoding.readVarString(decoder) }
      if (sub === 1) return { kind: 'denied', reason: decoding.readVarString(decoder) }
      return { kind: 'other', type }
    }
    case MESSAGE.syncStatus:
      return { kind: 'ack', saved: decoding.readVarUint(decoder) === 1 }
    default:
      return { kind: 'other', type }
  }
}
