import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import { TandemError } from '@tandem/schema'

// Hocuspocus message types (@hocuspocus/server MessageType), as a client may send them.
const SYNC = 0
const AWARENESS = 1
const AUTH = 2
const QUERY_AWARENESS = 3
const SYNC_REPLY = 4
const STATELESS = 5
const CLOSE = 7
const PONG = 10

const SYNC_STEP_1 = 0
const SYNC_STEP_2 = 1
const SYNC_UPDATE = 2

/** A valid frame: its address, and the awareness update it carries, if it is one. */
export interface CheckedFrame {
  ok: true
  /** False for a keep-alive that needs no handling. */
  forward: boolean
  address: string
  awareness?: Uint8Array
  /** True for a query-awareness message (the answer is every awareness state). */
  queryAwareness?: boolean
}

/** What a frame is, for the caller: valid (see {@link CheckedFrame}) or refused with an error. */
export type FrameVerdict = CheckedFrame | { ok: false; error: TandemError }

const malformed = (message: string): FrameVerdict => ({
  ok: false,
  error: new TandemError('malformed-message', message),
})

/**
 * Checks that a client frame is a well-formed Hocuspocus message before Hocuspocus or Yjs see
 * it: the address decodes, the type is one a client may send, and Yjs/awareness payloads parse
 * completely. Stock Hocuspocus logs and skips unknown types and closes with a generic code on
 * decoding errors; this gives every bad frame the stable `malformed-message` code instead, and
 * keeps garbage from ever reaching the update log (a stored bad update would break every load).
 * Cost: one pass over the frame, O(frame size).
 */
export function checkFrame(data: Uint8Array): FrameVerdict {
  // A lone Pong byte answers a connection-level Ping; nothing to hand on.
  if (data.length === 1 && data[0] === PONG) return { ok: true, forward: false, address: '' }
  try {
    const decoder = decoding.createDecoder(data)
    const address = decoding.readVarString(decoder)
    if (address.length === 0) return malformed('empty document address')
    const type = decoding.readVarUint(decoder)
    const valid: CheckedFrame = { ok: true, forward: true, address }
    switch (type) {
      case SYNC:
      case SYNC_REPLY:
        return checkSync(decoder, valid)
      case AWARENESS: {
        const awareness = decoding.readVarUint8Array(decoder)
        checkAwareness(awareness)
        return { ...valid, awareness }
      }
      case AUTH:
        decoding.readVarUint(decoder)
        decoding.readVarString(decoder)
        return valid
      case QUERY_AWARENESS:
        return { ...valid, queryAwareness: true }
      case CLOSE:
        return valid
      case STATELESS:
        decoding.readVarString(decoder)
        return valid
      default:
        // Includes BroadcastStateless (server-internal) and SyncStatus (server-to-client).
        return malformed(`unknown or server-only message type ${type}`)
    }
  } catch (error) {
    return malformed(`undecodable frame: ${(error as Error).message}`)
  }
}

function checkSync(decoder: decoding.Decoder, valid: CheckedFrame): FrameVerdict {
  const step = decoding.readVarUint(decoder)
  const payload = decoding.readVarUint8Array(decoder)
  switch (step) {
    case SYNC_STEP_1:
      Y.decodeStateVector(payload)
      return valid
    case SYNC_STEP_2:
      Y.decodeUpdate(payload)
      return valid
    case SYNC_UPDATE:
      Y.decodeUpdate(payload)
      return valid
    default:
      return malformed(`unknown sync step ${step}`)
  }
}

// y-protocols awareness update: count, then (clientID, clock, JSON state) per client.
function checkAwareness(update: Uint8Array): void {
  const decoder = decoding.createDecoder(update)
  const count = decoding.readVarUint(decoder)
  for (let i = 0; i < count; i++) {
    decoding.readVarUint(decoder)
    decoding.readVarUint(decoder)
    JSON.parse(decoding.readVarString(decoder))
  }
}
