import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { checkFrame } from './frame-guard.js'

function frame(
  type: number,
  write: (e: encoding.Encoder) => void = () => undefined,
  address = 'doc:a',
): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarString(e, address)
  encoding.writeVarUint(e, type)
  write(e)
  return encoding.toUint8Array(e)
}

describe('checkFrame', () => {
  it('accepts what a provider sends', () => {
    const doc = new Y.Doc()
    doc.getText('t').insert(0, 'hi')
    const update = Y.encodeStateAsUpdate(doc)
    const valid = [
      frame(0, (e) => {
        encoding.writeVarUint(e, 0)
        encoding.writeVarUint8Array(e, Y.encodeStateVector(doc))
      }),
      frame(0, (e) => {
        encoding.writeVarUint(e, 1)
        encoding.writeVarUint8Array(e, update)
      }),
      frame(0, (e) => {
        encoding.writeVarUint(e, 2)
        encoding.writeVarUint8Array(e, update)
      }),
      frame(2, (e) => {
        encoding.writeVarUint(e, 0)
        encoding.writeVarString(e, 'token')
      }),
      frame(3),
      frame(5, (e) => encoding.writeVarString(e, 'hello')),
      frame(7),
    ]
    for (const f of valid)
      expect(checkFrame(f)).toMatchObject({ ok: true, forward: true, address: 'doc:a' })
  })

  it('returns the awareness update of an awareness frame', () => {
    const update = encoding.createEncoder()
    encoding.writeVarUint(update, 1)
    encoding.writeVarUint(update, 42)
    encoding.writeVarUint(update, 3)
    encoding.writeVarString(update, '{"user":{"name":"A"}}')
    const bytes = encoding.toUint8Array(update)
    const verdict = checkFrame(frame(1, (e) => encoding.writeVarUint8Array(e, bytes)))
    expect(verdict.ok && Array.from(verdict.awareness ?? [])).toEqual(Array.from(bytes))
  })

  it('marks a query-awareness frame (the endpoint answers it)', () => {
    expect(checkFrame(frame(3))).toMatchObject({ ok: true, forward: true, queryAwareness: true })
    expect(
      checkFrame(
        frame(0, (e) => {
          encoding.writeVarUint(e, 0)
          encoding.writeVarUint8Array(e, new Uint8Array([0]))
        }),
      ),
    ).not.toHaveProperty('queryAwareness')
  })

  it('drops a lone pong byte without forwarding it', () => {
    expect(checkFrame(new Uint8Array([10]))).toMatchObject({ ok: true, forward: false })
  })

  it.each([
    ['empty frame', new Uint8Array([])],
    ['truncated varint', new Uint8Array([0x80])],
    ['address longer than the frame', new Uint8Array([0x10, 0x41])],
    ['empty address', frame(3, () => undefined, '')],
    ['unknown type', frame(42)],
    ['server-only BroadcastStateless', frame(6)],
    ['server-only SyncStatus', frame(8)],
    ['unknown sync step', frame(0, (e) => encoding.writeVarUint(e, 9))],
    [
      'garbage update',
      frame(
        0,
        (e) => (
          encoding.writeVarUint(e, 2),
          encoding.writeVarUint8Array(e, new Uint8Array([9, 9, 9, 9]))
        ),
      ),
    ],
    [
      'truncated update',
      frame(0, (e) => (encoding.writeVarUint(e, 2), encoding.writeVarUint(e, 50))),
    ],
    [
      'awareness with bad JSON',
      frame(1, (e) => encoding.writeVarUint8Array(e, new Uint8Array([1, 1, 1, 1, 0x7b]))),
    ],
  ])('refuses %s with malformed-message', (_what, data) => {
    const verdict = checkFrame(data)
    expect(verdict.ok).toBe(false)
    if (!verdict.ok) expect(verdict.error.code).toBe('malformed-message')
  })
})
