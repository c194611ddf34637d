import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createJsonLogger } from '../logger.js'
import type { StoredDocument, UpdateStore } from '../store/update-store.js'
import { RelayedChanges } from './relayed-changes.js'

/** An in-memory UpdateStore that records appends and can be made to fail. */
function memoryStore(): UpdateStore & { appended: Uint8Array[]; failing: boolean } {
  const log: Uint8Array[] = []
  const store = {
    appended: log,
    failing: false,
    async appendUpdate(_doc: string, update: Uint8Array) {
      if (store.failing) throw new Error('database down')
      log.push(update)
    },
    async load(): Promise<StoredDocument> {
      if (store.failing) throw new Error('database down')
      return { snapshot: null, updates: [...log], lastSeq: log.length }
    },
    async writeSnapshot() {},
    async close() {},
  }
  return store
}

const logger = createJsonLogger({ level: 'silent' })

function edit(doc: Y.Doc, text: string): Uint8Array {
  const before = Y.encodeStateVector(doc)
  doc.getText('t').insert(doc.getText('t').length, text)
  return Y.encodeStateAsUpdate(doc, before)
}

describe('RelayedChanges', () => {
  it('has nothing to wait for until a relayed change is noted', () => {
    const relayed = new RelayedChanges(memoryStore(), logger)
    expect(relayed.confirm('doc:a', new Y.Doc())).toBeUndefined()
  })

  it('appends exactly what the store lacks, once', async () => {
    const store = memoryStore()
    const memory = new Y.Doc()
    await store.appendUpdate('doc:a', edit(memory, 'stored '))
    edit(memory, 'relayed only') // arrived over Redis, its instance died before storing it
    const relayed = new RelayedChanges(store, logger)
    relayed.note('doc:a')
    expect(await relayed.confirm('doc:a', memory)).toBe(true)
    expect(store.appended).toHaveLength(2)
    const rebuilt = new Y.Doc()
    for (const u of store.appended) Y.applyUpdate(rebuilt, u)
    expect(rebuilt.getText('t').toString()).toBe('stored relayed only')
    // Confirmed: nothing to do until the next relayed change.
    expect(relayed.confirm('doc:a', memory)).toBeUndefined()
  })

  it('writes nothing when the store already holds everything (the sender instance stored it)', async () => {
    const store = memoryStore()
    const memory = new Y.Doc()
    await store.appendUpdate('doc:a', edit(memory, 'both'))
    memory.getText('t').delete(0, 1)
    await store.appendUpdate('doc:a', Y.encodeStateAsUpdate(memory))
    const relayed = new RelayedChanges(store, logger)
    relayed.note('doc:a')
    expect(await relayed.confirm('doc:a', memory)).toBe(true)
    expect(store.appended).toHaveLength(2)
  })

  it('reports a failed check as false and checks again next time', async () => {
    const store = memoryStore()
    const memory = new Y.Doc()
    edit(memory, 'pending')
    const relayed = new RelayedChanges(store, logger)
    relayed.note('doc:a')
    store.failing = true
    expect(await relayed.confirm('doc:a', memory)).toBe(false)
    store.failing = false
    expect(await relayed.confirm('doc:a', memory)).toBe(true)
    expect(store.appended).toHaveLength(1)
  })
})
