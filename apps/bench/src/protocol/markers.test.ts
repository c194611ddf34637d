import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { paragraphText } from './content.js'
import { markerText, scanMarkers, type Marker } from './markers.js'

const scan = (bytes: Uint8Array): Marker[] => {
  const found: Marker[] = []
  scanMarkers(bytes, (m) => found.push(m))
  return found
}

describe('timing markers', () => {
  test('are found in a Yjs update and in a merge of several', () => {
    const doc = new Y.Doc()
    const updates: Uint8Array[] = []
    doc.on('update', (u: Uint8Array) => updates.push(u))
    const text = paragraphText(doc)
    text.insert(0, markerText(3, 7, 1_234_567_890_123))
    text.insert(0, markerText(4, 8, 42))
    expect(scan(updates[updates.length - 1] as Uint8Array)).toEqual([
      { writer: 4, seq: 8, sentUs: 42 },
    ])
    expect(
      scan(Y.mergeUpdates(updates))
        .map((m) => m.seq)
        .sort(),
    ).toEqual([7, 8])
  })

  test('a chance prefix in binary bytes does not hide the real marker behind it', () => {
    const marker = Buffer.from(markerText(1, 2, 3), 'latin1')
    const noise = Buffer.from([0x02, 0x7e, 0x05, 0x02])
    expect(scan(Buffer.concat([noise, marker]))).toEqual([{ writer: 1, seq: 2, sentUs: 3 }])
  })

  test('malformed markers are ignored', () => {
    expect(
      scan(Buffer.from('\u0002~zz\u0003 \u0002~1.2\u0003 \u0002~1..2\u0003', 'latin1')),
    ).toEqual([])
    expect(scan(new Uint8Array(0))).toEqual([])
  })
})
