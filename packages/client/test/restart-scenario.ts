import { expect } from 'vitest'
import type * as Y from 'yjs'
import type { ClientOptions } from '../src/index.js'
import { clientStatus, onCleanup, testClient } from './harness.js'
import { until } from './wait.js'

/** A server the scenario can stop and start again on the same port with the same storage. */
export interface RestartableServer {
  url: string
  port: number
  close(): Promise<void>
}

/**
 * Two clients and three documents; the server stops, both clients edit while it is down and
 * count their changes, the server comes back on the same port, and everything syncs by itself.
 * Run against Tandem's server and a stock Hocuspocus one (the client relies on the protocol only).
 */
export async function expectRecoveryAfterRestart<S extends RestartableServer>(options: {
  start(port?: number): Promise<S>
  stored(server: S, name: string): Promise<Y.Doc> | Y.Doc
  client?: Partial<ClientOptions>
}): Promise<S> {
  let s = await options.start()
  const port = s.port
  const a = testClient(s.url, options.client)
  const b = testClient(s.url, options.client)
  const ha = a.open('doc:restart')
  const hb = b.open('doc:restart')
  const other = a.open('board:restart')
  await Promise.all([ha.whenSynced, hb.whenSynced, other.whenSynced])
  ha.doc.getText('t').insert(0, 'before ')
  await clientStatus(a, (st) => st.unsynced === 0, 'first ack')

  await s.close()
  await clientStatus(a, (st) => st.connection === 'offline', 'a offline')
  await clientStatus(b, (st) => st.connection === 'offline', 'b offline')
  ha.doc.getText('t').insert(7, 'during')
  other.doc.getMap('shapes').set('s1', { x: 1 })
  hb.doc.getMap('m').set('b', true)
  expect(a.status.unsynced).toBe(2)
  expect(b.status.unsynced).toBe(1)

  s = await options.start(port)
  const restarted = s
  onCleanup(() => restarted.close())
  await clientStatus(a, (st) => st.connection === 'online' && st.unsynced === 0, 'a back')
  await clientStatus(b, (st) => st.connection === 'online' && st.unsynced === 0, 'b back')
  await until(
    () => hb.doc.getText('t').toString() === 'before during',
    'b to see the edit made during the outage',
  )
  await until(() => ha.doc.getMap('m').get('b') === true, 'a to see b')
  expect((await options.stored(s, 'board:restart')).getMap('shapes').get('s1')).toEqual({ x: 1 })
  expect(a.status.error).toBeUndefined()
  return s
}
