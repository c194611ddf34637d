import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import {
  connect,
  signToken,
  startServer,
  tearDownAfterEach,
  waitFor,
  waitForAcked,
  type TestServer,
} from './support/helpers.js'

describe('a stock @hocuspocus/provider 4.8 through /collab', () => {
  let srv: TestServer
  const clients = tearDownAfterEach(() => srv)

  it('syncs a document between two clients with tokens signed by the shared secret', async () => {
    srv = await startServer()
    const alice = connect(
      srv.wsUrl,
      'doc:plan',
      await signToken({ sub: 'alice', roles: { 'doc:*': 'editor' } }),
    )
    const bob = connect(srv.wsUrl, 'doc:plan', await signToken({ sub: 'bob' }))
    clients.push(alice, bob)
    await waitFor(() => alice.provider.isSynced && bob.provider.isSynced, 'initial sync')
    alice.doc.getText('t').insert(0, 'hello from alice')
    await waitForAcked(alice)
    await waitFor(() => bob.doc.getText('t').toString() === 'hello from alice', 'bob sees the edit')
    const stored = await srv.server.store.load('doc:plan')
    expect(stored.updates.length).toBeGreaterThan(0)
  })
})

describe('one multiplexed socket', () => {
  it('serves several documents, and one document twice (sessionAwareness), on one socket', async () => {
    const srv = await startServer()
    const socket = new HocuspocusProviderWebsocket({ url: srv.wsUrl, WebSocketPolyfill: WebSocket })
    const token = await signToken({ sub: 'multi' })
    const open = (name: string) => {
      const provider = new HocuspocusProvider({
        websocketProvider: socket,
        name,
        token,
        document: new Y.Doc(),
        sessionAwareness: true,
      })
      provider.attach()
      return provider
    }
    const a1 = open('doc:same')
    const a2 = open('doc:same')
    const other = open('board:elsewhere')
    try {
      await waitFor(() => a1.isSynced && a2.isSynced && other.isSynced, 'all synced')
      a1.document.getText('t').insert(0, 'one socket')
      other.document.getMap('shapes').set('s1', 'square')
      await waitFor(
        () => a2.document.getText('t').toString() === 'one socket',
        'relayed between sessions',
      )
      a1.setAwarenessField('user', { name: 'first' })
      a2.setAwarenessField('user', { name: 'second' })
      await waitFor(
        () =>
          a2.awareness?.getStates().get(a1.document.clientID)?.user?.name === 'first' &&
          a1.awareness?.getStates().get(a2.document.clientID)?.user?.name === 'second',
        'presence between sessions',
      )
      await waitFor(() => other.unsyncedChanges === 0 && a1.unsyncedChanges === 0, 'acks')
      expect((await srv.server.store.load('board:elsewhere')).updates.length).toBeGreaterThan(0)
    } finally {
      for (const p of [a1, a2, other]) p.destroy()
      socket.destroy()
      await srv.stop()
    }
  })
})
