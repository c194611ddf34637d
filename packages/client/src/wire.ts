import * as decoding from 'lib0/decoding'

/** Hocuspocus message types the client inspects (see @hocuspocus/provider `MessageType`). */
const MESSAGE_SYNC = 0
const MESSAGE_SYNC_STATUS = 8

/** y-protocols sync sub-types. */
const SYNC_STEP_1 = 0
const SYNC_STEP_2 = 1
const SYNC_UPDATE = 2

/**
 * What a Hocuspocus frame is, as far as acknowledgement tracking cares:
 * - `step2` and `update` carry document content and are each answered by exactly one
 *   `sync-status` frame from the server, in order, once stored (true) or refused (false);
 * - everything else (auth, awareness, step 1, stateless, ping) is never acknowledged.
 */
export type FrameKind = 'step1' | 'step2' | 'update' | 'sync-status' | 'other'

/** The routing key (document name, or name + session id) and kind of one frame. */
export interface FrameHeader {
  readonly key: string
  readonly kind: FrameKind
  /** For `sync-status`: whether the server stored the update. */
  readonly applied: boolean
}

/**
 * Reads the header of a Hocuspocus frame. Returns null for bytes that are not a document
 * frame (the connection-level ping is a single byte), so callers pass them on untouched.
 */
export function readFrameHeader(bytes: Uint8Array): FrameHeader | null {
  if (bytes.length < 2) return null
  // Everything in this block is pure decoding: lib0 throws on truncated input and its
  // fatal TextDecoder on invalid UTF-8. A frame we cannot read is not ours to track; the
  // provider, which parses it again, reports it.
  try {
    const decoder = decoding.createDecoder(bytes)
    const key = decoding.readVarString(decoder)
    const type = decoding.readVarUint(decoder)
    if (type === MESSAGE_SYNC_STATUS) {
      return { key, kind: 'sync-status', applied: decoding.readVarInt(decoder) === 1 }
    }
    if (type !== MESSAGE_SYNC) return { key, kind: 'other', applied: false }
    const sub = decoding.readVarUint(decoder)
    const kind: FrameKind =
      sub === SYNC_STEP_1
        ? 'step1'
        : sub === SYNC_STEP_2
          ? 'step2'
          : sub === SYNC_UPDATE
            ? 'update'
            : 'other'
    return { key, kind, applied: false }
  } catch (error) {
    if (error instanceof Error) return null
    throw error
  }
}
