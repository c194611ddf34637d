import { createServer as createHttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { exportJWK, generateKeyPair, SignJWT } from 'jose'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  connect,
  signToken,
  startServer,
  waitFor,
  waitForAcked,
  type TestClient,
  type TestServer,
} from './support/helpers.js'

describe('authentication and roles', () => {
  let srv: TestServer
  const clients: TestClient[] = []
  const open = (...args: Parameters<typeof connect>): TestClient => {
    const c = connect(...args)
    clients.push(c)
    return c
  }
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy()
    await srv?.stop()
  })

  it('refuses a missing token with unauthorized', async () => {
    srv = await startServer()
    const c = open(srv.wsUrl, 'doc:a', '')
    await waitFor(() => c.denied.length > 0, 'permission denied')
    expect(c.denied[0]).toBe('unauthorized')
  })

  it('refuses a forged token (wrong secret) with unauthorized', async () => {
    srv = await startServer()
    const c = open(
      srv.wsUrl,
      'doc:a',
      await signToken({ sub: 'mallory' }, { secret: 'another-secret-0123456789abcdef' }),
    )
    await waitFor(() => c.denied.length > 0, 'permission denied')
    expect(c.denied[0]).toBe('unauthorized')
  })

  it('refuses an expired token with token-expired', async () => {
    srv = await startServer()
    const c = open(srv.wsUrl, 'doc:a', await signToken({ sub: 'alice' }, { expiresInSeconds: -60 }))
    await waitFor(() => c.denied.length > 0, 'permission denied')
    expect(c.denied[0]).toBe('token-expired')
  })

  it('closes a connection when its token expires (close code 4402)', async () => {
    srv = await startServer()
    const c = open(srv.wsUrl, 'doc:a', await signToken({ sub: 'alice' }, { expiresInSeconds: 2 }))
    await waitFor(() => c.provider.isSynced, 'sync')
    await waitFor(() => c.closes.length > 0, 'close on expiry', 5000)
    expect(c.closes[0]).toEqual({ code: 4402, reason: 'token-expired' })
  })

  it("refuses another user's inbox with forbidden and allows one's own", async () => {
    srv = await startServer()
    const bob = await signToken({ sub: 'bob' })
    const other = open(srv.wsUrl, 'inbox:alice', bob)
    const own = open(srv.wsUrl, 'inbox:bob', bob)
    await waitFor(() => other.denied.length > 0, 'permission denied')
    expect(other.denied[0]).toBe('forbidden')
    await waitFor(() => own.provider.isSynced, 'own inbox sync')
  })

  it('refuses unknown and invalid document names with invalid-document-name', async () => {
    srv = await startServer()
    const token = await signToken({ sub: 'alice' })
    for (const name of ['nope:abc', 'doc:', 'doc:has space', 'doc:' + 'x'.repeat(65), 'plain']) {
      const c = open(srv.wsUrl, name, token)
      await waitFor(() => c.denied.length > 0, `refusal of ${name}`)
      expect(c.denied[0]).toBe('invalid-document-name')
    }
  })

  it("a viewer's writes are neither acknowledged, stored nor relayed", async () => {
    srv = await startServer()
    const editor = open(
      srv.wsUrl,
      'doc:v',
      await signToken({ sub: 'ed', roles: { 'doc:*': 'editor' } }),
    )
    await waitFor(() => editor.provider.isSynced, 'editor sync')
    editor.doc.getText('t').insert(0, 'base')
    await waitForAcked(editor)

    // The viewer has offline edits before connecting (sync step 2) and types afterwards (update).
    const viewerDoc = new Y.Doc()
    viewerDoc.getText('t').insert(0, 'offline ')
    const viewer = open(
      srv.wsUrl,
      'doc:v',
      await signToken({ sub: 'vi', roles: { 'doc:*': 'editor', 'doc:v': 'viewer' } }),
      {
        doc: viewerDoc,
      },
    )
    await waitFor(
      () => viewer.doc.getText('t').toString().includes('base'),
      'viewer receives content',
    )
    viewer.doc.getText('t').insert(0, 'sneaky ')
    // Give the server a round trip: an editor write after the viewer's must arrive first.
    editor.doc.getText('t').insert(4, '!')
    await waitForAcked(editor)
    await waitFor(
      () => viewer.doc.getText('t').toString().includes('!'),
      'viewer receives later edit',
    )

    expect(viewer.provider.unsyncedChanges).toBeGreaterThan(0)
    expect(editor.doc.getText('t').toString()).toBe('base!')
    const stored = await srv.server.store.load('doc:v')
    const restored = new Y.Doc()
    for (const u of stored.updates) Y.applyUpdate(restored, u)
    expect(restored.getText('t').toString()).toBe('base!')
    expect(srv.server.hocuspocus.documents.get('doc:v')?.getText('t').toString()).toBe('base!')
  })

  it('comments follow the role of their document (commenter may write comments, not content)', async () => {
    srv = await startServer()
    const token = await signToken({ sub: 'c', roles: { 'doc:x': 'commenter' } })
    const content = open(srv.wsUrl, 'doc:x', token)
    const comments = open(srv.wsUrl, 'comments:x', token)
    await waitFor(() => content.provider.isSynced && comments.provider.isSynced, 'sync')
    comments.doc.getArray('threads').push(['a comment'])
    await waitForAcked(comments)
    content.doc.getText('t').insert(0, 'nope')
    await waitFor(() => content.provider.unsyncedChanges > 0, 'unacked content')
    expect((await srv.server.store.load('comments:x')).updates.length).toBeGreaterThan(0)
    expect((await srv.server.store.load('doc:x')).updates).toHaveLength(0)
  })

  it('uses the membership table when the token names no role, then defaultRole', async () => {
    srv = await startServer({ defaultRole: null })
    await srv.server.memberships.setRole('doc:m', 'member', 'viewer')
    const member = open(srv.wsUrl, 'doc:m', await signToken({ sub: 'member' }))
    const stranger = open(srv.wsUrl, 'doc:m', await signToken({ sub: 'stranger' }))
    await waitFor(
      () => member.provider.isSynced && stranger.denied.length > 0,
      'member sync, stranger refused',
    )
    expect(stranger.denied[0]).toBe('forbidden')
    member.doc.getText('t').insert(0, 'x')
    await waitFor(() => member.provider.unsyncedChanges > 0, 'unacked')
    expect((await srv.server.store.load('doc:m')).updates).toHaveLength(0)
  })

  it('verifies tokens against a JWKS URL (RS256) and refuses HS256 tokens then', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256')
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }
    const jwks = createHttpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ keys: [jwk] }))
    })
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve))
    try {
      const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`
      srv = await startServer({ jwtSecret: undefined, jwksUrl })
      const token = await new SignJWT({ name: 'Host user', roles: { 'doc:*': 'editor' } })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setSubject('embedded')
        .setExpirationTime('1h')
        .sign(privateKey)
      const ok = open(srv.wsUrl, 'doc:jwks', token)
      const hs = open(srv.wsUrl, 'doc:jwks', await signToken({ sub: 'x' }))
      await waitFor(
        () => ok.provider.isSynced && hs.denied.length > 0,
        'jwks sync and hs256 refusal',
      )
      expect(hs.denied[0]).toBe('unauthorized')
      const guest = await fetch(`${srv.url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"name":"A"}',
      })
      expect(guest.status).toBe(404)
    } finally {
      jwks.close()
    }
  })
})
