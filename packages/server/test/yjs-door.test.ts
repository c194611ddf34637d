import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { freePort } from './support/child-server.js'
import { makeDataDir, signToken, startServer, waitFor, waitForAcked } from './support/helpers.js'
import { doorFixture, eventually, openDoor, syncStep1, yjsUrl } from './support/yjs-client.js'

const text = (c: { doc: Y.Doc }): string => c.doc.getText('t').toString()

describe('y-websocket door (/yjs): sync, presence, durability, roles', () => {
  const { state, yjs, hocuspocus, stored } = doorFixture()

  it('two y-websocket clients converge, and what they write is stored', async () => {
    state.srv = await startServer()
    const [a, b] = [
      yjs('doc:two', await signToken({ sub: 'a' })),
      yjs('doc:two', await signToken({ sub: 'b' })),
    ]
    await waitFor(() => a.provider.synced && b.provider.synced, 'both synced')
    a.doc.getText('t').insert(0, 'from a. ')
    b.doc.getText('t').insert(0, 'from b. ')
    await waitFor(() => text(a) === text(b) && text(a).length === 16, 'convergence')
    await eventually(async () => (await stored('doc:two')) === text(a), 'stored')
  })

  it('a y-websocket and a Hocuspocus client share edits and presence both ways', async () => {
    state.srv = await startServer()
    const token = await signToken({ sub: 'u' })
    const y = yjs('doc:mixed', token)
    const h = hocuspocus('doc:mixed', token)
    await waitFor(() => y.provider.synced && h.provider.isSynced, 'both synced')
    y.doc.getText('t').insert(0, 'Y')
    h.doc.getText('t').insert(0, 'H')
    await waitFor(() => text(y) === text(h) && text(y).length === 2, 'convergence')
    await waitForAcked(h)

    y.provider.awareness.setLocalStateField('user', { name: 'from y-websocket' })
    h.provider.awareness?.setLocalStateField('user', { name: 'from hocuspocus' })
    const names = (states: Map<number, Record<string, unknown>>): string[] =>
      [...states.values()].map((s) => (s.user as { name?: string } | undefined)?.name ?? '')
    await waitFor(
      () => names(y.provider.awareness.getStates()).includes('from hocuspocus'),
      'y-websocket sees Hocuspocus presence',
    )
    await waitFor(
      () => names(h.provider.awareness?.getStates() ?? new Map()).includes('from y-websocket'),
      'Hocuspocus sees y-websocket presence',
    )
    // Leaving removes the presence for the other side.
    const yId = y.doc.clientID
    y.destroy()
    await waitFor(() => !h.provider.awareness?.getStates().has(yId), 'presence removed on leave')
  })

  it('stores the last edit of a client that closes right after it', async () => {
    state.srv = await startServer()
    const token = await signToken({ sub: 'c' })
    for (let i = 0; i < 5; i++) {
      const c = yjs('doc:last', token)
      await waitFor(() => c.provider.synced, 'sync')
      c.doc.getText('t').insert(0, `${i}`)
      c.destroy()
    }
    // The next client may connect before the previous edit is stored, so their inserts can be
    // concurrent: compare the digits, not their order.
    const digits = async (): Promise<string> => [...(await stored('doc:last'))].sort().join('')
    await eventually(async () => (await digits()) === '01234', 'every last edit stored')
  })

  it('answers query-awareness with every state', async () => {
    state.srv = await startServer()
    const token = await signToken({ sub: 'q' })
    const h = hocuspocus('doc:query', token)
    await waitFor(() => h.provider.isSynced, 'sync')
    h.provider.awareness?.setLocalStateField('user', { name: 'present' })
    const raw = await openDoor(`${yjsUrl(state.srv.url)}/doc:query?token=${token}`)
    raw.ws.send(syncStep1())
    // Sync step 2 (type 0, step 1) tells that the document connection is established.
    await waitFor(() => raw.received.some((f) => f[0] === 0 && f[1] === 1), 'sync step 2')
    const before = raw.received.length
    raw.ws.send(Uint8Array.of(3))
    await waitFor(
      () =>
        raw.received.slice(before).some((f) => f[0] === 1 && Buffer.from(f).includes('present')),
      'the awareness answer',
    )
    // Only y-websocket message types reach the client (no SyncStatus, no auth replies).
    expect(raw.received.every((f) => f[0] === 0 || f[0] === 1)).toBe(true)
    raw.ws.close()
  })

  it('a restart keeps everything; clients reconnect and sync what they wrote meanwhile', async () => {
    const dataDir = await makeDataDir()
    const port = await freePort()
    state.srv = await startServer({ dataDir, port })
    const token = await signToken({ sub: 'r' })
    const a = yjs('doc:restart', token)
    await waitFor(() => a.provider.synced, 'sync')
    a.doc.getText('t').insert(0, 'before. ')
    await eventually(async () => (await stored('doc:restart')) === 'before. ', 'stored')
    await state.srv.stop({ keepData: true })
    await waitFor(() => !a.provider.wsconnected, 'disconnected')
    a.doc.getText('t').insert(8, 'offline. ')

    state.srv = await startServer({ dataDir, port })
    await waitFor(() => a.provider.synced, 'reconnected')
    const b = yjs('doc:restart', token)
    await waitFor(() => b.provider.synced && text(b) === 'before. offline. ', 'fresh reader')
    await eventually(async () => (await stored('doc:restart')) === 'before. offline. ', 'stored')
  })

  it("neither stores nor relays a viewer's writes, but serves it reads and presence", async () => {
    state.srv = await startServer()
    const viewer = yjs('doc:v', await signToken({ sub: 'v', roles: { 'doc:v': 'viewer' } }))
    const editor = hocuspocus('doc:v', await signToken({ sub: 'e' }))
    await waitFor(() => viewer.provider.synced && editor.provider.isSynced, 'sync')
    editor.doc.getText('t').insert(0, 'editor. ')
    await waitForAcked(editor)
    await waitFor(() => text(viewer) === 'editor. ', 'viewer reads')

    viewer.doc.getText('t').insert(0, 'VIEWER ')
    // Barrier: the server handles the viewer's messages in order, so its answer to a sync
    // step 1 sent after the write comes after the write was handled (and refused).
    const ws = viewer.provider.ws as unknown as WebSocket
    let answered = false
    ws.addEventListener('message', (event) => {
      const f = new Uint8Array(event.data as ArrayBuffer)
      if (f[0] === 0 && f[1] === 1) answered = true
    })
    ws.send(syncStep1(viewer.doc))
    await waitFor(() => answered, 'the answer to the barrier')
    // Anything relayed to the editor would arrive before the ack of its next write.
    editor.doc.getText('t').insert(editor.doc.getText('t').length, 'more.')
    await waitForAcked(editor)
    expect(text(editor)).toBe('editor. more.')
    expect(await stored('doc:v')).toBe('editor. more.')
    viewer.provider.awareness.setLocalStateField('user', { name: 'viewer' })
    await waitFor(
      () =>
        [...(editor.provider.awareness?.getStates().values() ?? [])].some(
          (s) => (s.user as { name?: string } | undefined)?.name === 'viewer',
        ),
      'viewer presence',
    )
  })
})
