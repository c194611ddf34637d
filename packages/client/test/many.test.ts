import { expect, it } from 'vitest'
import { clientStatus, tandemServer, testClient } from './harness.js'

it('opens 150 documents at once over one socket', async () => {
  const s = await tandemServer()
  const c = testClient(s.url)
  const seen: string[] = []
  c.onStatus((st) => {
    if (seen.at(-1) !== st.connection) seen.push(st.connection)
  })
  const handles = Array.from({ length: 150 }, (_, i) => c.open(`doc:n${i}`))
  await Promise.all(handles.map((h) => h.whenSynced))
  handles.forEach((h, i) => h.doc.getText('t').insert(0, `${i}`))
  await clientStatus(c, (st) => st.unsynced === 0, 'acks')
  expect(c.status.error).toBeUndefined()
  // Hocuspocus closes a socket with over 100 documents awaiting authentication: never here.
  expect(seen).toEqual(['online'])
})

it('reconnects 150 documents with presence and edits made while offline', async () => {
  const s = await tandemServer()
  const c = testClient(s.url)
  const handles = Array.from({ length: 150 }, (_, i) => c.open(`doc:m${i}`))
  await Promise.all(handles.map((h) => h.whenSynced))
  c.disconnect()
  handles.forEach((h, i) => {
    h.awareness.setLocalStateField('cursor', { at: i })
    h.doc.getText('t').insert(0, `offline ${i}`)
  })
  const seen: string[] = []
  c.onStatus((st) => {
    if (seen.at(-1) !== st.connection) seen.push(st.connection)
  })
  c.connect()
  await clientStatus(
    c,
    (st) => st.connection === 'online' && st.unsynced === 0,
    'everything acknowledged',
  )
  expect(seen).toEqual(['connecting', 'online'])
  expect((await s.stored('doc:m149')).getText('t').toString()).toBe('offline 149')
})
