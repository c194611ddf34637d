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
    const end = buffer.indexOf(END, at + 2)
    if (end < 0 || end - at > 40) {
      from = at + 2
      continue
    }
    const parts = buffer.toString('latin1', at + 2, end).split('.')
    from = end + 1
    if (parts.length !== 3) continue
    const [writer, seq, sentUs] = parts.map((part) => parseInt(part, 36)) as [
      number,
      number,
      number,
    ]
    if (Number.isFinite(writer) && Number.isFinite(seq) && Number.isFinite(sentUs))
      found({ writer, seq, sentUs })
  }
}
