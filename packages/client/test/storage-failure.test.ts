import { afterEach, beforeEach, expect, it } from 'vitest'
import { clientStatus, docStatus, tandemServer, testClient } from './harness.js'

// An IndexedDB that cannot open any database (quota exceeded, some private modes).
const failingIndexedDB = {
  open() {
    const request: { onerror?: (event: unknown) => void } = {}
    setTimeout(() => request.onerror?.({ target: { error: new Error('QuotaExceededError') } }))
    return request
  },
}

const rejections: unknown[] = []
const onRejection = (reason: unknown) => rejections.push(reason)
beforeEach(() => {
  ;(globalThis as { indexedDB?: unknown }).indexedDB = failingIndexedDB
  process.on('unhandledRejection', onRejection)
})
afterEach(() => {
  delete (globalThis as { indexedDB?: unknown }).indexedDB
  process.off('unhandledRejection', onRejection)
})

it('syncs with the server and reports the error when IndexedDB cannot be opened', async () => {
  const s = await tandemServer()
  const client = testClient(s.url, { persistence: true, storagePrefix: 'broken:' })
  const handle = client.open('doc:no-idb')
  await handle.whenLoaded
  await handle.whenSynced
  const st = await docStatus(handle, (x) => x.error !== undefined, 'storage error')
  expect(st.error?.code).toBe('storage-failed')
  expect(st.error?.message).toMatch(/QuotaExceeded/)
  handle.doc.getText('t').insert(0, 'still synced')
  await clientStatus(client, (x) => x.unsynced === 0, 'ack')
  expect((await s.stored('doc:no-idb')).getText('t').toString()).toBe('still synced')
  await client.destroy()
  expect(rejections).toEqual([])
})
