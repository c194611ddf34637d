import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import {
  clientStatus,
  docStatus,
  freePort,
  onCleanup,
  tandemServer,
  testClient,
} from './harness.js'
import { makeDataDir, removeDataDir, signToken, startTandemServer } from './tandem-server.js'
import { expectRecoveryAfterRestart } from './restart-scenario.js'
import { until } from './wait.js'

describe('status', () => {
  it('goes connecting -> online -> offline -> online, counting changes made offline', async () => {
    const s = await tandemServer()
    const client = testClient(s.url)
    const seen: string[] = [client.status.connection]
    client.onStatus((st) => {
      if (seen.at(-1) !== st.connection) seen.push(st.connection)
    })
    expect(client.status).toEqual({ connection: 'connecting', unsynced: 0 })
    const handle = client.open('doc:status')
    await handle.whenSynced
    expect(client.status.connection).toBe('online')

    client.disconnect()
    expect(client.status.connection).toBe('offline')
    const text = handle.doc.getText('t')
    text.insert(0, 'a')
    text.insert(1, 'b')
    handle.doc.getMap('m').set('k', 1)
    expect(handle.unsynced).toBe(3)
    expect(handle.status.unsynced).toBe(3)
    expect(client.status.unsynced).toBe(3)

    client.connect()
    const after = await clientStatus(
      client,
      (st) => st.connection === 'online' && st.unsynced === 0,
      'ack after reconnect',
    )
    expect(after.error).toBeUndefined()
    expect(handle.unsynced).toBe(0)
    expect((await s.stored('doc:status')).getText('t').toString()).toBe('ab')
    expect(seen).toEqual(['connecting', 'online', 'offline', 'connecting', 'online'])
  })

  it('counts live edits until each is acknowledged', async () => {
    const s = await tandemServer()
    const client = testClient(s.url)
    const handle = client.open('doc:live')
    await handle.whenSynced
    const counts: number[] = []
    handle.onStatus((st) => counts.push(st.unsynced))
    handle.doc.getText('t').insert(0, 'x')
    handle.doc.getText('t').insert(1, 'y')
    expect(handle.unsynced).toBe(2)
    await docStatus(handle, (st) => st.unsynced === 0, 'acks')
    expect(counts.slice(0, 2)).toEqual([1, 2])
    expect((await s.stored('doc:live')).getText('t').toString()).toBe('xy')
  })

  it('comes back by itself after a server restart, with edits made meanwhile', async () => {
    const dataDir = await makeDataDir()
    onCleanup(() => removeDataDir(dataDir))
    await expectRecoveryAfterRestart({
      start: (port) => startTandemServer({ dataDir, ...(port ? { port } : {}) }),
      stored: (server, name) => server.stored(name),
    })
  })

  it('in Node, survives a server that is not there yet and connects when it starts', async () => {
    const errors: unknown[] = []
    const record = (e: unknown) => errors.push(e)
    process.on('uncaughtException', record)
    process.on('unhandledRejection', record)
    onCleanup(async () => {
      process.off('uncaughtException', record)
      process.off('unhandledRejection', record)
    })
    const port = await freePort()
    let attempts = 0
    class CountingWebSocket extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols)
        attempts += 1
      }
    }
    const client = testClient(`ws://127.0.0.1:${port}/collab`, {
      WebSocketPolyfill: CountingWebSocket,
    })
    const handle = client.open('doc:late')
    handle.doc.getText('t').insert(0, 'typed before the server existed')
    await clientStatus(client, (st) => st.connection === 'offline', 'first failed attempt')
    // Several refused attempts (ECONNREFUSED) before the server appears.
    await until(() => attempts >= 4, 'four refused connection attempts')
    expect(client.status.connection).toBe('offline')

    const s = await tandemServer({ port })
    await handle.whenSynced
    await clientStatus(client, (st) => st.connection === 'online' && st.unsynced === 0, 'synced')
    expect((await s.stored('doc:late')).getText('t').toString()).toBe(
      'typed before the server existed',
    )
    expect(errors).toEqual([])
  })

  it('flags read-only documents and keeps their local changes counted', async () => {
    const s = await tandemServer()
    const writer = testClient(s.url)
    const w = writer.open('doc:ro')
    await w.whenSynced
    w.doc.getText('t').insert(0, 'by writer')
    await clientStatus(writer, (st) => st.unsynced === 0, 'writer ack')

    const reader = testClient(s.url, { token: () => signToken({ roles: { 'doc:*': 'viewer' } }) })
    const r = reader.open('doc:ro')
    await r.whenSynced
    await docStatus(r, (st) => st.readOnly, 'read-only flag')
    expect(r.doc.getText('t').toString()).toBe('by writer')
    r.doc.getText('t').insert(0, 'local only ')
    expect(r.unsynced).toBe(1)
    // Still live for reading.
    w.doc.getText('t').insert(9, '!')
    await until(() => r.doc.getText('t').toString().endsWith('by writer!'), 'reader to receive')
    expect(r.unsynced).toBe(1)
    expect(reader.status.connection).toBe('online')
    expect((await s.stored('doc:ro')).getText('t').toString()).toBe('by writer!')
  })

  it('follows online/offline events of the network target', async () => {
    const s = await tandemServer()
    const network = new EventTarget()
    const client = testClient(s.url, { watchNetwork: network })
    const handle = client.open('doc:net')
    await handle.whenSynced
    // An 'online' event while online changes nothing.
    network.dispatchEvent(new Event('online'))
    expect(client.status.connection).toBe('online')
    network.dispatchEvent(new Event('offline'))
    expect(client.status.connection).toBe('offline')
    handle.doc.getText('t').insert(0, 'on the train')
    expect(client.status.unsynced).toBe(1)
    network.dispatchEvent(new Event('online'))
    expect(client.status.connection).toBe('connecting')
    await clientStatus(client, (st) => st.connection === 'online' && st.unsynced === 0, 'back')
    expect((await s.stored('doc:net')).getText('t').toString()).toBe('on the train')
  })
})
