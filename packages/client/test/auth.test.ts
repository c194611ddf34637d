import { TandemError } from '@tandem/schema'
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { createClient, type ClientOptions } from '../src/index.js'
import { clientStatus, docStatus, tandemServer, testClient } from './harness.js'
import { signToken } from './tandem-server.js'

function expectTandemError(fn: () => unknown, code: string, message?: RegExp): void {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(TandemError)
    expect((error as TandemError).code).toBe(code)
    if (message) expect((error as TandemError).message).toMatch(message)
    return
  }
  throw new Error(`expected a TandemError ${code}`)
}

describe('tokens', () => {
  it('fetches a new token when the server refuses an expired one', async () => {
    const s = await tandemServer()
    let calls = 0
    const token = () => {
      calls += 1
      // The first token expired ten seconds ago; later ones are good for an hour.
      return signToken({ ttlSeconds: calls === 1 ? -10 : 3600 })
    }
    const client = testClient(s.url, { token })
    const handle = client.open('doc:expiry')
    const refused = await docStatus(
      handle,
      (st) => st.error !== undefined,
      'the expired-token refusal',
    )
    expect(refused.error?.code).toBe('token-expired')
    await handle.whenSynced
    await docStatus(
      handle,
      (st) => st.synced && st.error === undefined,
      'synced with a fresh token',
    )
    expect(calls).toBe(2)
  })

  it('refreshes a token before it expires on the open socket, losing no edit', async () => {
    const s = await tandemServer()
    let calls = 0
    const client = testClient(s.url, {
      token: async () => {
        calls += 1
        // Three-second tokens: the session below outlives two of them.
        return signToken({ ttlSeconds: 3 })
      },
    })
    const a = client.open('doc:refresh')
    const b = client.open('doc:refresh-two')
    await Promise.all([a.whenSynced, b.whenSynced])
    const connections: string[] = []
    client.onStatus((st) => connections.push(st.connection))
    // Type for 4.5 s (past the first token's expiry), one edit every 50 ms.
    const typed: string[] = []
    const end = Date.now() + 4500
    while (Date.now() < end) {
      const word = `w${typed.length} `
      typed.push(word)
      a.doc.getText('t').insert(a.doc.getText('t').length, word)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    await clientStatus(client, (st) => st.unsynced === 0, 'every edit acknowledged')
    expect(calls).toBeGreaterThanOrEqual(2)
    // Refreshed in place: the socket never closed.
    expect(connections).not.toContain('offline')
    expect(client.status.error).toBeUndefined()
    expect((await s.stored('doc:refresh')).getText('t').toString()).toBe(typed.join(''))
  })

  it('a refused refreshed token closes the document; the client recovers with a new one', async () => {
    const s = await tandemServer()
    let calls = 0
    const client = testClient(s.url, {
      // The refresh (second call) names another user: the server refuses it for the document.
      token: async () => {
        calls += 1
        return signToken({ sub: calls === 2 ? 'mallory' : 'tester', ttlSeconds: 3 })
      },
    })
    const a = client.open('doc:swap')
    await a.whenSynced
    const refused = await docStatus(a, (st) => st.error !== undefined, 'the refusal', 5000)
    expect(refused.error?.code).toBe('unauthorized')
    await docStatus(a, (st) => st.synced && st.error === undefined, 'accepted again', 10_000)
    expect(calls).toBeGreaterThanOrEqual(3)
    a.doc.getText('t').insert(0, 'still here')
    await clientStatus(client, (st) => st.unsynced === 0, 'ack')
    expect((await s.stored('doc:swap')).getText('t').toString()).toBe('still here')
  })

  it('reconnects with a fresh token when the token expires during the connection', async () => {
    const s = await tandemServer()
    let calls = 0
    const client = testClient(s.url, {
      token: async () => {
        calls += 1
        // The first token lives one second and the refresh before expiry fails (the host's
        // auth endpoint is down): the server closes the socket when it expires.
        if (calls === 2) throw new Error('auth endpoint down')
        return signToken({ ttlSeconds: calls === 1 ? 1 : 3600 })
      },
    })
    const a = client.open('doc:one')
    const b = client.open('doc:two')
    await Promise.all([a.whenSynced, b.whenSynced])
    // One call per connection, not one per document.
    expect(calls).toBe(1)

    const closed = await clientStatus(
      client,
      (st) => st.error?.code === 'token-expired',
      'the expiry close',
      5000,
    )
    expect(closed.error).toBeInstanceOf(TandemError)
    await clientStatus(
      client,
      (st) => st.connection === 'online' && st.error === undefined,
      'back online',
    )
    await docStatus(a, (st) => st.synced, 'a synced again')
    await docStatus(b, (st) => st.synced, 'b synced again')
    expect(calls).toBe(3)
    a.doc.getText('t').insert(0, 'after the refresh')
    await clientStatus(client, (st) => st.unsynced === 0, 'ack')
    expect((await s.stored('doc:one')).getText('t').toString()).toBe('after the refresh')
  })

  it('reports a token the server refuses, and a token function that fails, then recovers', async () => {
    const s = await tandemServer()
    const refused = testClient(s.url, { token: 'nonsense' })
    const h = refused.open('doc:denied')
    const st = await docStatus(h, (x) => x.error !== undefined, 'refusal')
    expect(st.error?.code).toBe('unauthorized')
    expect(refused.status.error?.code).toBe('unauthorized')
    expect(h.status.synced).toBe(false)

    let fail = true
    const flaky = testClient(s.url, {
      token: () => {
        if (fail) {
          fail = false
          throw new Error('auth endpoint down')
        }
        return signToken()
      },
    })
    const h2 = flaky.open('doc:flaky')
    const err = await docStatus(h2, (x) => x.error !== undefined, 'token failure')
    expect(err.error?.code).toBe('unauthorized')
    expect(err.error?.message).toMatch(/auth endpoint down/)
    await h2.whenSynced
    await docStatus(h2, (x) => x.error === undefined, 'recovered')

    const wrongType = testClient(s.url, { token: (() => 42) as unknown as () => string })
    const h3 = wrongType.open('doc:wrong')
    const bad = await docStatus(h3, (x) => x.error !== undefined, 'bad token type')
    expect(bad.error?.code).toBe('unauthorized')
    expect(bad.error?.message).toMatch(/non-empty string/)
  })

  it('reports documents the token gives no access to', async () => {
    const s = await tandemServer()
    const client = testClient(s.url, { token: () => signToken({ sub: 'bob' }) })
    const inbox = client.open('inbox:alice')
    const st = await docStatus(inbox, (x) => x.error !== undefined, 'refusal')
    expect(st.error?.code).toBe('forbidden')
    const own = client.open('inbox:bob')
    await own.whenSynced
  })
})

describe('bad input', () => {
  const base: ClientOptions = {
    url: 'ws://127.0.0.1:1/collab',
    token: 't',
    WebSocketPolyfill: WebSocket,
  }
  const badOptions: Array<[string, unknown, RegExp]> = [
    ['no options', undefined, /options must be an object/],
    ['no url', { ...base, url: undefined }, /url must be/],
    ['http url', { ...base, url: 'http://x/collab' }, /url must be/],
    ['garbage url', { ...base, url: 'ws://' }, /url must be/],
    ['empty token', { ...base, token: '' }, /token must be/],
    ['numeric token', { ...base, token: 5 }, /token must be/],
    ['unknown option', { ...base, reconect: {} }, /unknown option "reconect"/],
    ['negative delay', { ...base, reconnect: { minDelayMs: -1 } }, /minDelayMs/],
    ['min above max', { ...base, reconnect: { minDelayMs: 500, maxDelayMs: 100 } }, /below/],
    ['NaN delay', { ...base, reconnect: { maxDelayMs: Number.NaN } }, /maxDelayMs/],
    ['unknown reconnect key', { ...base, reconnect: { tries: 3 } }, /reconnect.tries/],
    ['zero connect timeout', { ...base, reconnect: { connectTimeoutMs: 0 } }, /connectTimeoutMs/],
    ['persistence without IndexedDB', { ...base, persistence: true }, /IndexedDB/],
    ['persistence not boolean', { ...base, persistence: 'yes' }, /persistence must be/],
    ['watchNetwork without window', { ...base, watchNetwork: true }, /window/],
    ['watchNetwork wrong type', { ...base, watchNetwork: 'window' }, /watchNetwork/],
    ['WebSocket not a class', { ...base, WebSocketPolyfill: {} }, /WebSocketPolyfill/],
    ['no WebSocket in Node', { ...base, WebSocketPolyfill: undefined }, /pass WebSocketPolyfill/],
    ['autoConnect not boolean', { ...base, autoConnect: 1 }, /autoConnect/],
    ['storagePrefix not string', { ...base, storagePrefix: 3 }, /storagePrefix/],
  ]
  it.each(badOptions)('createClient rejects %s', (_label, options, message) => {
    expectTandemError(() => createClient(options as ClientOptions), 'bad-request', message)
  })

  it('rejects invalid document names with a clear error', () => {
    const client = testClient('ws://127.0.0.1:1/collab', { autoConnect: false })
    for (const name of [
      'nope',
      'doc:',
      'doc:a b',
      'unknown:x',
      ':x',
      `doc:${'a'.repeat(65)}`,
      42,
      null,
    ]) {
      expectTandemError(
        () => client.open(name as string),
        'invalid-document-name',
        /not a valid document name/,
      )
    }
    expect(client.status.unsynced).toBe(0)
  })

  it('rejects use after destroy, and destroy is idempotent', async () => {
    const client = testClient('ws://127.0.0.1:1/collab', { autoConnect: false })
    const handle = client.open('doc:gone')
    await client.destroy()
    await client.destroy()
    expectTandemError(() => client.open('doc:x'), 'client-destroyed', /open\(\)/)
    expectTandemError(() => client.connect(), 'client-destroyed')
    expectTandemError(() => client.disconnect(), 'client-destroyed')
    await expect(handle.whenSynced).rejects.toMatchObject({ code: 'client-destroyed' })
    expect(handle.doc.isDestroyed).toBe(true)
    // Releasing after destroy, or more often than opened, changes nothing.
    handle.release()
    handle.release()
  })

  it('rejects a listener that is not a function', () => {
    const client = testClient('ws://127.0.0.1:1/collab', { autoConnect: false })
    expectTandemError(
      () => client.onStatus('x' as unknown as () => void),
      'bad-request',
      /listener/,
    )
    const handle = client.open('doc:l')
    expectTandemError(
      () => handle.onStatus(null as unknown as () => void),
      'bad-request',
      /listener/,
    )
  })
})
