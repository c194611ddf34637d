import { describe, expect, it } from 'vitest'
import * as encoding from 'lib0/encoding'
import { AckGate, syncStatusAddress } from './ack-gate.js'

function frame(address: string, type: number, ...rest: number[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarString(encoder, address)
  encoding.writeVarUint(encoder, type)
  for (const value of rest) encoding.writeVarUint(encoder, value)
  return encoding.toUint8Array(encoder)
}

function deferred(): { promise: Promise<boolean>; resolve: (ok: boolean) => void } {
  let resolve!: (ok: boolean) => void
  const promise = new Promise<boolean>((r) => (resolve = r))
  return { promise, resolve }
}

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

describe('AckGate', () => {
  it('reads the address of SyncStatus frames only', () => {
    expect(syncStatusAddress(frame('doc:a', 8, 1))).toBe('doc:a')
    expect(syncStatusAddress(frame('doc:é'.repeat(30), 8, 1))).toBe('doc:é'.repeat(30))
    expect(syncStatusAddress(frame('doc:a', 0, 2))).toBeNull()
    expect(syncStatusAddress(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]))).toBeNull()
    expect(syncStatusAddress(new Uint8Array([5, 1, 2]))).toBeNull()
    expect(syncStatusAddress(new Uint8Array([]))).toBeNull()
  })

  it('holds acks until earlier appends are stored, in order, per address', async () => {
    const gate = new AckGate()
    const sent: string[] = []
    const send = (f: Uint8Array): void => {
      sent.push(`${syncStatusAddress(f) ?? 'other'}#${f[f.length - 1]}`)
    }
    const first = deferred()
    const second = deferred()
    gate.hold('doc:a', first.promise)
    gate.send(frame('doc:a', 8, 1), send)
    gate.hold('doc:a', second.promise)
    gate.send(frame('doc:a', 8, 2), send)
    gate.send(frame('doc:b', 8, 3), send) // other address: nothing pending
    gate.send(frame('doc:a', 0, 4), send) // not an ack
    expect(sent).toEqual(['doc:b#3', 'other#4'])
    second.resolve(true)
    await flush()
    expect(sent).toEqual(['doc:b#3', 'other#4'])
    first.resolve(true)
    await flush()
    expect(sent).toEqual(['doc:b#3', 'other#4', 'doc:a#1', 'doc:a#2'])
    gate.send(frame('doc:a', 8, 5), send)
    expect(sent.at(-1)).toBe('doc:a#5')
  })

  it('never acknowledges after a failed append', async () => {
    const gate = new AckGate()
    const sent: Uint8Array[] = []
    const failed = deferred()
    gate.hold('doc:a', failed.promise)
    gate.send(frame('doc:a', 8, 1), (f) => sent.push(f))
    const later = deferred()
    gate.hold('doc:a', later.promise)
    gate.send(frame('doc:a', 8, 2), (f) => sent.push(f))
    failed.resolve(false)
    later.resolve(true)
    await flush()
    expect(sent).toHaveLength(0)
  })
})
