import { afterEach, describe, expect, it } from 'vitest'
import {
  connect,
  signToken,
  startServer,
  waitFor,
  waitForAcked,
  type TestClient,
  type TestServer,
} from './support/helpers.js'

describe('a stock @hocuspocus/provider 4.8 through /collab', () => {
  let srv: TestServer
  const clients: TestClient[] = []
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy()
    await srv?.stop()
  })

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
