import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import { signToken, startServer, waitFor } from './support/helpers.js'
import { doorFixture, eventually, openDoor, syncStep1, yjsUrl } from './support/yjs-client.js'

describe('y-websocket door (/yjs): refusals and limits', () => {
  const { state, yjs, stored } = doorFixture()

  it('refuses a missing, bad or expired token, no role and invalid names with their codes', async () => {
    state.srv = await startServer({ defaultRole: null })
    const base = yjsUrl(state.srv.url)
    const editor = await signToken({ sub: 'e', roles: { 'doc:*': 'editor' } })
    const cases: { name: string; url: string; code: number; reason: string }[] = [
      { name: 'no token', url: `${base}/doc:a`, code: 4401, reason: 'unauthorized' },
      { name: 'bad token', url: `${base}/doc:a?token=nope`, code: 4401, reason: 'unauthorized' },
      {
        name: 'wrong secret',
        url: `${base}/doc:a?token=${await signToken({ sub: 'x', roles: { 'doc:*': 'editor' } }, { secret: 'another-secret-0123456789abcdef0123' })}`,
        code: 4401,
        reason: 'unauthorized',
      },
      {
        name: 'expired token',
        url: `${base}/doc:a?token=${await signToken({ sub: 'x', roles: { 'doc:*': 'editor' } }, { expiresInSeconds: -10 })}`,
        code: 4402,
        reason: 'token-expired',
      },
      {
        name: 'no role',
        url: `${base}/doc:a?token=${await signToken({ sub: 'x' })}`,
        code: 4403,
        reason: 'forbidden',
      },
      {
        name: "someone else's inbox",
        url: `${base}/inbox:other?token=${editor}`,
        code: 4403,
        reason: 'forbidden',
      },
      {
        name: 'unknown kind',
        url: `${base}/nope:a?token=${editor}`,
        code: 4404,
        reason: 'invalid-document-name',
      },
      {
        name: 'bad encoding',
        url: `${base}/doc%ZZ?token=${editor}`,
        code: 4404,
        reason: 'invalid-document-name',
      },
      {
        name: 'two segments',
        url: `${base}/doc:a/b?token=${editor}`,
        code: 4404,
        reason: 'invalid-document-name',
      },
    ]
    for (const { name, url, code, reason } of cases) {
      const raw = await openDoor(url)
      // Frames sent before the refusal (as y-websocket does at once) change nothing.
      raw.ws.send(syncStep1())
      expect(await raw.closed, name).toEqual({ code, reason })
    }
    // The stock client stops reconnecting on a 44xx close.
    const denied = yjs('doc:a', await signToken({ sub: 'x' }))
    await waitFor(() => denied.closes.length > 0, 'refusal')
    expect(denied.closes[0]).toEqual({ code: 4403, reason: 'forbidden' })
    // Your own inbox opens.
    const own = yjs('inbox:e', editor)
    await waitFor(() => own.provider.synced, 'own inbox')
    expect(await state.srv.server.store.load('doc:a')).toMatchObject({
      snapshot: null,
      updates: [],
    })
  })

  it('closes a live socket when its token expires', async () => {
    state.srv = await startServer()
    const c = yjs('doc:exp', await signToken({ sub: 'x' }, { expiresInSeconds: 2 }))
    await waitFor(() => c.provider.synced, 'sync')
    await waitFor(() => c.closes.length > 0, 'expiry close', 5000)
    expect(c.closes[0]).toEqual({ code: 4402, reason: 'token-expired' })
  })

  it('closes a socket above the message rate with rate-limited (4429)', async () => {
    state.srv = await startServer({ limits: { messagesPerSecond: 5, messageBurst: 10 } })
    const token = await signToken({ sub: 'r' })
    const raw = await openDoor(`${yjsUrl(state.srv.url)}/doc:rate?token=${token}`)
    for (let i = 0; i < 30; i++) raw.ws.send(syncStep1())
    expect(await raw.closed).toEqual({ code: 4429, reason: 'rate-limited' })
    const calm = yjs('doc:rate', token)
    await waitFor(() => calm.provider.synced, 'another socket is still served')
  })

  it('closes malformed and oversized frames with their codes and keeps serving others', async () => {
    state.srv = await startServer({
      limits: { maxFrameBytes: 64 * 1024, maxDocumentBytes: 256 * 1024 },
    })
    const token = await signToken({ sub: 'm' })
    const healthy = yjs('doc:healthy', token)
    await waitFor(() => healthy.provider.synced, 'healthy sync')
    const url = `${yjsUrl(state.srv.url)}/doc:bad?token=${token}`
    const awareness = (json: string): Uint8Array => {
      const e = encoding.createEncoder()
      encoding.writeVarUint(e, 1)
      const u = encoding.createEncoder()
      encoding.writeVarUint(u, 1)
      encoding.writeVarUint(u, 7)
      encoding.writeVarUint(u, 1)
      encoding.writeVarString(u, json)
      encoding.writeVarUint8Array(e, encoding.toUint8Array(u))
      return encoding.toUint8Array(e)
    }
    const cases: { name: string; data: Uint8Array | string; code: number; reason: string }[] = [
      {
        name: 'garbage',
        data: Uint8Array.of(0xff, 0xff, 0xff),
        code: 4400,
        reason: 'malformed-message',
      },
      { name: 'empty frame', data: new Uint8Array(0), code: 4400, reason: 'malformed-message' },
      {
        name: 'truncated sync',
        data: Uint8Array.of(0, 2, 0x80),
        code: 4400,
        reason: 'malformed-message',
      },
      {
        name: 'garbage update',
        data: Uint8Array.of(0, 2, 5, 5, 200, 1, 2, 3),
        code: 4400,
        reason: 'malformed-message',
      },
      {
        name: 'unknown sync step',
        data: Uint8Array.of(0, 7, 0),
        code: 4400,
        reason: 'malformed-message',
      },
      {
        name: 'bad awareness JSON',
        data: awareness('{{{'),
        code: 4400,
        reason: 'malformed-message',
      },
      {
        name: 'hocuspocus auth',
        data: Uint8Array.of(2, 0, 1, 0x41),
        code: 4400,
        reason: 'malformed-message',
      },
      { name: 'hocuspocus close', data: Uint8Array.of(7), code: 4400, reason: 'malformed-message' },
      { name: 'text frame', data: 'hello', code: 4400, reason: 'malformed-message' },
      {
        name: 'oversized',
        data: new Uint8Array(100 * 1024),
        code: 4413,
        reason: 'frame-too-large',
      },
    ]
    for (const { name, data, code, reason } of cases) {
      const raw = await openDoor(url)
      raw.ws.send(data)
      expect(await raw.closed, name).toEqual({ code, reason })
    }
    // A document beyond maxDocumentBytes: the update is refused, not stored.
    const big = yjs('doc:big', token)
    await waitFor(() => big.provider.synced, 'big sync')
    for (let i = 0; i < 8; i++) big.doc.getText('t').insert(0, 'x'.repeat(60 * 1024))
    await waitFor(() => big.closes.length > 0, 'document-too-large')
    expect(big.closes[0]).toEqual({ code: 4414, reason: 'document-too-large' })
    expect((await stored('doc:big')).length).toBeLessThanOrEqual(256 * 1024)

    healthy.doc.getText('t').insert(0, 'still served')
    await eventually(async () => (await stored('doc:healthy')) === 'still served', 'healthy stored')
    expect(await state.srv.server.store.load('doc:bad')).toMatchObject({
      snapshot: null,
      updates: [],
    })
  })
})
