import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { SnapshotBuilder } from './snapshot-builder.js'

describe('SnapshotBuilder', () => {
  const builder = new SnapshotBuilder()
  afterEach(async () => {
    await builder.close()
  })

  it('folds a snapshot and updates into one snapshot on a worker thread', async () => {
    const doc = new Y.Doc()
    doc.getText('t').insert(0, 'hello')
    const snapshot = Y.encodeStateAsUpdate(doc)
    const updates: Uint8Array[] = []
    for (const word of [' big', ' world']) {
      const before = Y.encodeStateVector(doc)
      doc.getText('t').insert(doc.getText('t').length, word)
      updates.push(Y.encodeStateAsUpdate(doc, before))
    }
    doc.getText('t').delete(5, 4)
    updates.push(Y.encodeStateAsUpdate(doc))
    const folded = await builder.build(snapshot, updates)
    const restored = new Y.Doc()
    Y.applyUpdate(restored, folded)
    expect(restored.getText('t').toString()).toBe('hello world')
  })

  it('rejects undecodable input and keeps working', async () => {
    await expect(builder.build(null, [new Uint8Array([5, 200, 1, 2, 3])])).rejects.toThrow(
      /rebuild failed/,
    )
    const doc = new Y.Doc()
    doc.getMap('m').set('k', 1)
    const folded = await builder.build(null, [Y.encodeStateAsUpdate(doc)])
    const restored = new Y.Doc()
    Y.applyUpdate(restored, folded)
    expect(restored.getMap('m').get('k')).toBe(1)
  })
})
