import { afterEach } from 'vitest'
import WebSocket from 'ws'
import {
  createClient,
  type ClientOptions,
  type ClientStatus,
  type DocHandle,
  type DocStatus,
  type TandemClient,
} from '../src/index.js'
import {
  makeDataDir,
  removeDataDir,
  signToken,
  startTandemServer,
  type TestServer,
} from './tandem-server.js'
import { statusWhere } from './wait.js'

const cleanup: Array<() => Promise<void>> = []

/** Registers `fn` to run after the current test (last registered runs first). */
export function onCleanup(fn: () => Promise<void>): void {
  cleanup.push(fn)
}

afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn()
})

/** A Tandem server on a fresh data dir (or `dataDir`), closed (and the dir removed) after the test. */
export async function tandemServer(
  options: { port?: number; dataDir?: string } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await makeDataDir())
  if (!options.dataDir) onCleanup(() => removeDataDir(dataDir))
  const server = await startTandemServer({
    dataDir,
    ...(options.port ? { port: options.port } : {}),
  })
  onCleanup(() => server.close())
  return server
}

/** A Node client with fast reconnects and a fresh editor token per connection, destroyed after the test. */
export function testClient(url: string, extra: Partial<ClientOptions> = {}): TandemClient {
  const client = createClient({
    url,
    token: () => signToken(),
    WebSocketPolyfill: WebSocket,
    reconnect: { minDelayMs: 20, maxDelayMs: 200 },
    ...extra,
  })
  onCleanup(() => client.destroy())
  return client
}

/** Waits for a client status that satisfies `check`. */
export function clientStatus(
  client: TandemClient,
  check: (s: ClientStatus) => boolean,
  what: string,
  timeoutMs?: number,
): Promise<ClientStatus> {
  return statusWhere(
    () => client.status,
    (l) => client.onStatus(l),
    check,
    what,
    timeoutMs,
  )
}

/** Waits for a document status that satisfies `check`. */
export function docStatus(
  handle: DocHandle,
  check: (s: DocStatus) => boolean,
  what: string,
  timeoutMs?: number,
): Promise<DocStatus> {
  return statusWhere(
    () => handle.status,
    (l) => handle.onStatus(l),
    check,
    what,
    timeoutMs,
  )
}

/** A TCP port that was free a moment ago (listen on 0, close). */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net')
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      )
    })
  })
}
