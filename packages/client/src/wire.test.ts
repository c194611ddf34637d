import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import { readFrameHeader } from './wire.js'

function frame(key: string, ...uints: number[]): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarString(e, key)
  for (const n of uints) encoding.writeVarUint(e, n)
  return encoding.toUint8Array(e)
}

describe('readFrameHeader', () => {
  it('tells content frames apart', () => {
    expect(readFrameHeader(frame('doc:a', 0, 0))).toMatchObject({ key: 'doc:a', kind: 'step1' })
    expect(readFrameHeader(frame('doc:a', 0, 1))).toMatchObject({ kind: 'step2' })
    expect(readFrameHeader(frame('doc:a\u0000s1', 0, 2))).toMatchObject({
      key: 'doc:a\u0000s1',
      kind: 'update',
    })
    expect(readFrameHeader(frame('doc:a', 1))).toMatchObject({ kind: 'other' })
  })

  it('reads sync-status acknowledgements', () => {
    const ok = encoding.createEncoder()
    encoding.writeVarString(ok, 'doc:a')
    encoding.writeVarUint(ok, 8)
    encoding.writeVarInt(ok, 1)
    expect(readFrameHeader(encoding.toUint8Array(ok))).toEqual({
      key: 'doc:a',
      kind: 'sync-status',
      applied: true,
    })
    const refused = encoding.createEncoder()
    encoding.writeVarString(refused, 'doc:a')
    encoding.writeVarUint(refused, 8)
    encoding.writeVarInt(refused, 0)
    expect(readFrameHeader(encoding.toUint8Array(refused))?.applied).toBe(false)
  })

  it('returns null for pings and undecodable bytes', () => {
    expect(readFrameHeader(new Uint8Array([9]))).toBeNull()
    expect(readFrameHeader(new Uint8Array([50, 1, 2]))).toBeNull()
    expect(readFrameHeader(frame('doc:a', 0))).toBeNull()
  })
})
