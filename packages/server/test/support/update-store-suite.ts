import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { UpdateStore } from '../../src/index.js'
import { storedText } from './stored.js'

/** Creates a fresh, empty store; `reopen` opens the same storage again after `close()`. */
export interface StoreFactory {
  create(): Promise<UpdateStore>
  reopen(): Promise<UpdateStore>
  /** Removes the storage after the test. */
  cleanup(): Promise<void>
}

function textUpdate(doc: Y.Doc, text: string): Uint8Array {
  const before = Y.encodeStateVector(doc)
  doc.getText('t').insert(doc.getText('t').length, text)
  return Y.encodeStateAsUpdate(doc, before)
}

/**
 * The contract every {@link UpdateStore} must meet. Call it from a test file with a factory for
 * your implementation: `updateStoreSuite('sqlite', factory)`.
 */
export function updateStoreSuite(name: string, factory: () => StoreFactory): void {
  describe(`UpdateStore contract: ${name}`, () => {
    let f: StoreFactory
    let store: UpdateStore

    beforeEach(async () => {
      f = factory()
      store = await f.create()
    })
    afterEach(async () => {
      await store.close()
      await f.cleanup()
    })

    it('loads nothing for an unknown document', async () => {
      const stored = await store.load('doc:never')
      expect(stored.snapshot).toBeNull()
      expect(stored.updates).toEqual([])
    })

    it('returns appended updates in order, byte for byte', async () => {
      const a = new Uint8Array([1, 2, 3])
      const b = new Uint8Array([4, 5])
      await store.appendUpdate('doc:a', a)
      await store.appendUpdate('doc:a', b)
      const stored = await store.load('doc:a')
      expect(stored.updates.map((u) => Array.from(u))).toEqual([
        [1, 2, 3],
        [4, 5],
      ])
      expect(stored.lastSeq).toBeGreaterThan(0)
    })

    it('keeps documents apart', async () => {
      await store.appendUpdate('doc:a', new Uint8Array([1]))
      await store.appendUpdate('doc:b', new Uint8Array([2]))
      expect((await store.load('doc:a')).updates.map((u) => Array.from(u))).toEqual([[1]])
      expect((await store.load('doc:b')).updates.map((u) => Array.from(u))).toEqual([[2]])
    })

    it('stores concurrent appends, every one resolved', async () => {
      const writes = Array.from({ length: 200 }, (_, i) =>
        store.appendUpdate(`doc:c${i % 7}`, new Uint8Array([i % 256, 7])),
      )
      await Promise.all(writes)
      let total = 0
      for (let d = 0; d < 7; d++) total += (await store.load(`doc:c${d}`)).updates.length
      expect(total).toBe(200)
    })

    it('a snapshot replaces the log it covers and keeps later updates', async () => {
      const ydoc = new Y.Doc()
      await store.appendUpdate('doc:s', textUpdate(ydoc, 'hello '))
      await store.appendUpdate('doc:s', textUpdate(ydoc, 'world'))
      const before = await store.load('doc:s')
      await store.appendUpdate('doc:s', textUpdate(ydoc, '!'))
      await store.writeSnapshot('doc:s', Y.encodeStateAsUpdate(ydoc), before.lastSeq)
      const after = await store.load('doc:s')
      expect(after.snapshot).not.toBeNull()
      expect(after.updates).toHaveLength(1)
      expect(storedText(after)).toBe('hello world!')
    })

    it('an older snapshot never replaces a newer one', async () => {
      const ydoc = new Y.Doc()
      await store.appendUpdate('doc:o', textUpdate(ydoc, 'a'))
      const first = await store.load('doc:o')
      const oldSnapshot = Y.encodeStateAsUpdate(ydoc)
      await store.appendUpdate('doc:o', textUpdate(ydoc, 'b'))
      const second = await store.load('doc:o')
      await store.writeSnapshot('doc:o', Y.encodeStateAsUpdate(ydoc), second.lastSeq)
      await store.writeSnapshot('doc:o', oldSnapshot, first.lastSeq)
      expect(storedText(await store.load('doc:o'))).toBe('ab')
    })

    it('survives close and reopen', async () => {
      const ydoc = new Y.Doc()
      await store.appendUpdate('doc:r', textUpdate(ydoc, 'kept'))
      await store.close()
      store = await f.reopen()
      expect(storedText(await store.load('doc:r'))).toBe('kept')
    })

    it('keeps updates appended after a snapshot that covered the whole log, across reopen', async () => {
      const ydoc = new Y.Doc()
      await store.appendUpdate('doc:n', textUpdate(ydoc, 'one'))
      const { lastSeq } = await store.load('doc:n')
      await store.writeSnapshot('doc:n', Y.encodeStateAsUpdate(ydoc), lastSeq)
      await store.close()
      store = await f.reopen()
      // A reused sequence number (<= the snapshot's) would hide this update on load.
      await store.appendUpdate('doc:n', textUpdate(ydoc, ' two'))
      await store.appendUpdate('doc:other', textUpdate(new Y.Doc(), 'x'))
      expect(storedText(await store.load('doc:n'))).toBe('one two')
    })

    it('close waits for pending appends', async () => {
      const ydoc = new Y.Doc()
      const pending = store.appendUpdate('doc:p', textUpdate(ydoc, 'late'))
      await store.close()
      await pending
      store = await f.reopen()
      expect(storedText(await store.load('doc:p'))).toBe('late')
    })
  })
}
