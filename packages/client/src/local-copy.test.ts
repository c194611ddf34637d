import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { LocalCopy } from './local-copy.js'

function fail(error: unknown): never {
  throw error
}

describe('LocalCopy', () => {
  it('stores the document and the newest unsynced count, and loads both back', async () => {
    const name = `local-copy-${Date.now()}`
    const doc = new Y.Doc()
    const first = new LocalCopy(name, doc, fail)
    expect(await first.whenLoaded).toBe(0)
    doc.getText('t').insert(0, 'kept')
    for (let n = 1; n <= 20; n++) first.saveUnsynced(n)
    await first.close()

    const again = new Y.Doc()
    const second = new LocalCopy(name, again, fail)
    expect(await second.whenLoaded).toBe(20)
    expect(again.getText('t').toString()).toBe('kept')
    second.saveUnsynced(0)
    await second.close()
    const third = new LocalCopy(name, new Y.Doc(), fail)
    expect(await third.whenLoaded).toBe(0)
    await third.close()
  })
})
