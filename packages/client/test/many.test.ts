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
