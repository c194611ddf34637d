/**
 * Timing markers carried inside edits. A writer inserts `\u0002~<writer>.<seq>.<sentUs>\u0003`
 * (base 36). Yjs writes inserted strings verbatim (UTF-8) into update bytes, also when a server
 * merges several updates into one, so a receiver finds the markers by scanning the raw frame:
 * no Y.Doc and no decoding per receiver, which keeps a thousand receivers cheap for the load
 * generator.
 */
const START = 0x02
const TAG = 0x7e // '~'
const END = 0x03
const PREFIX = Buffer.from([START, TAG])

/** Text a writer inserts for edit `seq` sent at `sentUs` (monotonic microseconds). */
export function markerText(writer: number, seq: number, sentUs: number): string {
  return `\u0002~${writer.toString(36)}.${seq.toString(36)}.${sentUs.toString(36)}\u0003`
}

/** One marker found in a frame. */
export interface Marker {
  writer: number
  seq: number
  sentUs: number
}

/** Calls `found` for every well-formed marker in `bytes`. */
export function scanMarkers(bytes: Uint8Array, found: (marker: Marker) => void): void {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let from = 0
  for (;;) {
    const at = buffer.indexOf(PREFIX, from)
    if (at < 0) return
    // Binary update bytes may contain the prefix by chance: on anything malformed, resume right
    // after this prefix, not after the end byte found, or a real marker behind it is skipped.
    from = at + 1
    const end = buffer.indexOf(END, at + 2)
    if (end < 0 || end - at > 40) continue
    const match = MARKER_BODY.exec(buffer.toString('latin1', at + 2, end))
    if (!match) continue
    found({
      writer: parseInt(match[1] as string, 36),
      seq: parseInt(match[2] as string, 36),
      sentUs: parseInt(match[3] as string, 36),
    })
    from = end + 1
  }
}

const MARKER_BODY = /^([0-9a-z]+)\.([0-9a-z]+)\.([0-9a-z]+)$/
