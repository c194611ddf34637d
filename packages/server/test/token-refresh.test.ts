import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  connect,
  signToken,
  startServer,
  tearDownAfterEach,
  waitFor,
  waitForAcked,
  type TestClient,
  type TestServer,
} from './support/helpers.js'

// Hocuspocus' token message on an open document connection (a stock provider's sendToken()),
// as @tandem/client sends it before its token expires.
describe('token refresh on an open connection (onTokenSync)', () => {
  let srv: TestServer | undefined
  const clients = tearDownAfterEach(() => srv)
  const open = (...args: Parameters<typeof connect>): TestClient => {
    const c = connect(...args)
    clients.push(c)
    return c
  }
  /** Hands the provider a new token and sends it on the open connection. */
  const refresh = async (c: TestClient, token: string) => {
    c.provider.configuration.token = token
    await c.provider.sendToken()
  }
  const documentCloses = (c: TestClient) => {
    const closes: { code: number; reason: string }[] = []
    c.provider.on('close', ({ event }: { event: { code: number; reason: string } }) =>
      closes.push({ code: event.code, reason: String(event.reason) }),
    )
    return closes
  }
  const storedText = async (name: string) => {
    const { snapshot, updates } = await srv!.server.store.load(name)
    const doc = new Y.Doc()
    if (snapshot) Y.applyUpdate(doc, snapshot)
    for (const u of updates) Y.applyUpdate(doc, u)
    return doc.getText('t').toString()
  }

  it('a fresh token moves the socket past the first token’s expiry', async () => {
    srv = await startServer()
    const firstExpiry = Date.now() + 2000
    const c = open(srv.wsUrl, 'doc:r', await signToken({ sub: 'alice' }, { expiresInSeconds: 2 }))
    await waitFor(() => c.provider.isSynced, 'sync')
    await refresh(c, await signToken({ sub: 'alice' }, { expiresInSeconds: 3600 }))
    // The first token's expiry (whole seconds) has to pass to show nothing closes then.
    await waitFor(() => Date.now() > firstExpiry + 1200, 'the first expiry passed', 5000)
    c.doc.getText('t').insert(0, 'still writing')
    await waitForAcked(c)
    expect(c.closes).toEqual([])
    expect(await storedText('doc:r')).toBe('still writing')
  })

  it('refuses a refreshed token for another user, or a bad one, closing only that document', async () => {
    srv = await startServer()
    const token = await signToken({ sub: 'alice' })
    const a = open(srv.wsUrl, 'doc:a', token)
    const b = open(srv.wsUrl, 'doc:b', token)
    await waitFor(() => a.provider.isSynced && b.provider.isSynced, 'sync')
    const aCloses = documentCloses(a)
    const bCloses = documentCloses(b)
    await refresh(a, await signToken({ sub: 'mallory' }))
    await refresh(b, 'not-a-jwt')
    await waitFor(() => aCloses.length > 0 && bCloses.length > 0, 'document closes')
    // A document close carries only the reason (Hocuspocus' close message): the error code.
    expect(aCloses[0]?.reason).toBe('unauthorized')
    expect(bCloses[0]?.reason).toBe('unauthorized')
    // The socket itself stays up for the client's other documents.
    expect(a.closes).toEqual([])

    const expired = open(srv.wsUrl, 'doc:c', token)
    await waitFor(() => expired.provider.isSynced, 'sync c')
    const cCloses = documentCloses(expired)
    await refresh(expired, await signToken({ sub: 'alice' }, { expiresInSeconds: -10 }))
    await waitFor(() => cCloses.length > 0, 'close on an expired refresh')
    expect(cCloses[0]?.reason).toBe('token-expired')
  })

  it('resolves the role again: a refresh that makes the user a viewer makes the connection read-only', async () => {
    srv = await startServer()
    const c = open(
      srv.wsUrl,
      'doc:d',
      await signToken({ sub: 'alice', roles: { 'doc:d': 'editor' } }),
    )
    await waitFor(() => c.provider.isSynced, 'sync')
    c.doc.getText('t').insert(0, 'as editor')
    await waitForAcked(c)
    await refresh(c, await signToken({ sub: 'alice', roles: { 'doc:d': 'viewer' } }))
    // Hocuspocus does not wait for onTokenSync before the connection's next message: the new
    // role holds once the token is verified.
    const connections = () => [
      ...(srv!.server.hocuspocus.documents.get('doc:d')?.connections.keys() ?? []),
    ]
    await waitFor(() => connections().some((conn) => conn.readOnly), 'read-only after the refresh')
    c.doc.getText('t').insert(0, 'as viewer ')
    await waitFor(() => c.provider.unsyncedChanges > 0, 'the write sent')
    // A later editor's write is acknowledged; the viewer's never is, and is not stored.
    const editor = open(srv.wsUrl, 'doc:d', await signToken({ sub: 'bob' }))
    await waitFor(() => editor.provider.isSynced, 'editor sync')
    editor.doc.getText('t').insert(editor.doc.getText('t').length, '!')
    await waitForAcked(editor)
    expect(c.provider.unsyncedChanges).toBeGreaterThan(0)
    expect(await storedText('doc:d')).toBe('as editor!')
  })
})
