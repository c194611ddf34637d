import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { closeEventFor, isErrorCode, TandemError, type ErrorCode } from '@tandem/schema'

/** What to do with a frame Hocuspocus sends: send these bytes, drop it, or close the socket. */
export type Outbound = Uint8Array | null | { close: ErrorCode | null }

/**
 * How the frames of one socket map to Hocuspocus frames. `/collab` speaks the Hocuspocus
 * protocol itself ({@link HOCUSPOCUS_WIRE}); the `/yjs` door speaks y-websocket ({@link YjsWire}).
 */
export interface Wire {
  /**
   * True when the client learns that its updates were stored (Hocuspocus SyncStatus). Without
   * acknowledgements the server stores an update before it relays it (see Persistence).
   */
  readonly acknowledges: boolean
  /** The Hocuspocus frame for a client frame, or the error to refuse the socket with. */
  inbound(frame: Uint8Array): Uint8Array | TandemError
  /** What to send to the client for a frame from Hocuspocus. */
  outbound(frame: Uint8Array): Outbound
}

/** `/collab`: frames pass unchanged. */
export const HOCUSPOCUS_WIRE: Wire = {
  acknowledges: true,
  inbound: (frame) => frame,
  outbound: (frame) => frame,
}

// Message types shared by y-websocket and Hocuspocus (y-protocols numbering).
const SYNC = 0
const AWARENESS = 1
const AUTH = 2
const QUERY_AWARENESS = 3
// Hocuspocus only.
const SYNC_REPLY = 4
const CLOSE = 7
// Hocuspocus auth subtypes (@hocuspocus/common AuthMessageType); y-protocols numbers them
// differently, so no auth message is passed on to a y-websocket client.
const AUTH_TOKEN = 0
const AUTH_PERMISSION_DENIED = 1

/**
 * The y-websocket protocol as one Hocuspocus document connection. y-websocket frames are
 * Hocuspocus frames without the leading document address, and one socket carries one document:
 * inbound frames get the address prefixed, outbound frames lose it. Hocuspocus-only messages
 * (auth replies, SyncStatus, stateless, close) mean nothing to a y-websocket client and are
 * dropped, except that a refusal or the end of the document connection closes the socket with
 * the error's close code (a y-websocket socket without its document has no use).
 */
export class YjsWire implements Wire {
  readonly acknowledges = false
  private readonly address: Uint8Array

  constructor(readonly documentName: string) {
    const encoder = encoding.createEncoder()
    encoding.writeVarString(encoder, documentName)
    this.address = encoding.toUint8Array(encoder)
  }

  /** The Hocuspocus auth message that stands in for the token of the upgrade URL. */
  authFrame(token: string): Uint8Array {
    const encoder = encoding.createEncoder()
    encoding.writeUint8Array(encoder, this.address)
    encoding.writeVarUint(encoder, AUTH)
    encoding.writeVarUint(encoder, AUTH_TOKEN)
    encoding.writeVarString(encoder, token)
    return encoding.toUint8Array(encoder)
  }

  inbound(frame: Uint8Array): Uint8Array | TandemError {
    // The rest of the frame is checked by the frame guard, like any Hocuspocus frame. Auth,
    // stateless and close are Hocuspocus' own; from a y-websocket client they are not valid.
    const type = frame[0]
    if (frame.length === 0 || (type !== SYNC && type !== AWARENESS && type !== QUERY_AWARENESS)) {
      return new TandemError(
        'malformed-message',
        `not a y-websocket message (type ${String(type)})`,
      )
    }
    const prefixed = new Uint8Array(this.address.length + frame.length)
    prefixed.set(this.address)
    prefixed.set(frame, this.address.length)
    return prefixed
  }

  outbound(frame: Uint8Array): Outbound {
    // Hocuspocus addresses every frame of this connection with the document name (no session
    // id: the door never sends one), so the body starts right after our own address bytes.
    const body = frame.subarray(this.address.length)
    switch (body[0]) {
      case SYNC:
      case AWARENESS:
        return body
      case SYNC_REPLY: {
        // Same as Sync for a client; y-websocket knows only type 0.
        const sync = body.slice()
        sync[0] = SYNC
        return sync
      }
      case AUTH:
        return this.authOutbound(body)
      case CLOSE:
        return { close: reasonCode(body) }
      default:
        // SyncStatus (no acknowledgements in y-websocket), stateless, query-awareness.
        return null
    }
  }

  private authOutbound(body: Uint8Array): Outbound {
    const decoder = decoding.createDecoder(body)
    decoding.readVarUint(decoder)
    if (decoding.readVarUint(decoder) !== AUTH_PERMISSION_DENIED) return null
    const reason = decoding.readVarString(decoder)
    return { close: isErrorCode(reason) ? reason : 'forbidden' }
  }
}

// The reason of a Hocuspocus Close message, when it is a Tandem error code.
function reasonCode(body: Uint8Array): ErrorCode | null {
  const decoder = decoding.createDecoder(body)
  decoding.readVarUint(decoder)
  const reason = decoding.hasContent(decoder) ? decoding.readVarString(decoder) : ''
  return isErrorCode(reason) ? reason : null
}

/** The close event for an {@link Outbound} close: the error's, or 1001 (going away). */
export function closeEventForOutbound(code: ErrorCode | null): { code: number; reason: string } {
  return code ? closeEventFor(code) : { code: 1001, reason: 'document closed' }
}
