import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import { TandemError } from '@tandem/schema'
import { YjsWire } from './wire.js'
import { parseYjsDoor } from './yjs-door.js'

function hocuspocusFrame(address: string, write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarString(e, address)
  write(e)
  return encoding.toUint8Array(e)
}

describe('YjsWire', () => {
  const wire = new YjsWire('doc:plan')

  it('prefixes the document name to sync, awareness and query-awareness frames', () => {
    for (const frame of [Uint8Array.of(0, 0, 1, 0), Uint8Array.of(1, 1, 0), Uint8Array.of(3)]) {
      const out = wire.inbound(frame)
      if (out instanceof TandemError) throw out
      const d = decoding.createDecoder(out)
      expect(decoding.readVarString(d)).toBe('doc:plan')
      expect(out.subarray(out.length - frame.length)).toEqual(frame)
    }
  })

  it('refuses Hocuspocus-only and unknown types from a y-websocket client', () => {
    for (const frame of [
      new Uint8Array(0),
      Uint8Array.of(2, 0),
      Uint8Array.of(5),
      Uint8Array.of(7),
      Uint8Array.of(99),
    ]) {
      const out = wire.inbound(frame)
      expect(out).toBeInstanceOf(TandemError)
      expect((out as TandemError).code).toBe('malformed-message')
    }
  })

  it('strips the address from sync and awareness, drops Hocuspocus-only messages', () => {
    expect(
      wire.outbound(
        hocuspocusFrame('doc:plan', (e) => encoding.writeUint8Array(e, Uint8Array.of(0, 2, 1, 9))),
      ),
    ).toEqual(Uint8Array.of(0, 2, 1, 9))
    expect(
      wire.outbound(
        hocuspocusFrame('doc:plan', (e) => encoding.writeUint8Array(e, Uint8Array.of(1, 1, 0))),
      ),
    ).toEqual(Uint8Array.of(1, 1, 0))
    expect(
      wire.outbound(
        hocuspocusFrame('doc:plan', (e) => encoding.writeUint8Array(e, Uint8Array.of(4, 1, 1, 0))),
      ),
    ).toEqual(Uint8Array.of(0, 1, 1, 0))
    const authenticated = hocuspocusFrame('doc:plan', (e) => {
      encoding.writeVarUint(e, 2)
      encoding.writeVarUint(e, 2)
      encoding.writeVarString(e, 'read-write')
    })
    const syncStatus = hocuspocusFrame('doc:plan', (e) => {
      encoding.writeVarUint(e, 8)
      encoding.writeVarUint(e, 1)
    })
    const stateless = hocuspocusFrame('doc:plan', (e) => {
      encoding.writeVarUint(e, 5)
      encoding.writeVarString(e, '{}')
    })
    for (const frame of [authenticated, syncStatus, stateless])
      expect(wire.outbound(frame)).toBeNull()
  })

  it('turns a refusal or the end of the document connection into a close', () => {
    const denied = (reason: string) =>
      hocuspocusFrame('doc:plan', (e) => {
        encoding.writeVarUint(e, 2)
        encoding.writeVarUint(e, 1)
        encoding.writeVarString(e, reason)
      })
    expect(wire.outbound(denied('token-expired'))).toEqual({ close: 'token-expired' })
    expect(wire.outbound(denied('permission-denied'))).toEqual({ close: 'forbidden' })
    const closed = (reason: string) =>
      hocuspocusFrame('doc:plan', (e) => {
        encoding.writeVarUint(e, 7)
        encoding.writeVarString(e, reason)
      })
    expect(wire.outbound(closed('storage-failed'))).toEqual({ close: 'storage-failed' })
    expect(wire.outbound(closed('Reset Connection'))).toEqual({ close: null })
  })

  it('makes the auth message Hocuspocus expects first', () => {
    const d = decoding.createDecoder(wire.authFrame('jwt'))
    expect(decoding.readVarString(d)).toBe('doc:plan')
    expect([decoding.readVarUint(d), decoding.readVarUint(d), decoding.readVarString(d)]).toEqual([
      2,
      0,
      'jwt',
    ])
  })
})

describe('parseYjsDoor', () => {
  it('reads the document name (raw or percent-encoded) and the token', () => {
    expect(parseYjsDoor('/yjs/doc:plan?token=abc')).toEqual({
      documentName: 'doc:plan',
      token: 'abc',
    })
    expect(parseYjsDoor('/yjs/doc%3Aplan')).toEqual({ documentName: 'doc:plan', token: '' })
  })

  it('refuses empty, nested, escaping and undecodable names', () => {
    for (const url of ['/yjs/', '/yjs/a/b', '/yjs/../collab', '/yjs/%E0%A4%A', '/yjs/a%2Fb']) {
      const out = parseYjsDoor(url)
      expect(out, url).toBeInstanceOf(TandemError)
      expect((out as TandemError).code).toBe('invalid-document-name')
    }
  })
})
