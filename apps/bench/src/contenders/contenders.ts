import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { signHs256 } from '../util/jwt.js'
import { freePort } from '../util/net.js'
import { startServerProcess } from './server-process.js'
import type { Contender, ContenderId, RunningServer } from './types.js'

const require = createRequire(import.meta.url)

/** apps/server's runnable entry (built by `tsc -b` in apps/bench, which references it). */
const TANDEM_MAIN = fileURLToPath(new URL('../../../server/dist/main.js', import.meta.url))
const HOCUSPOCUS_MAIN = fileURLToPath(new URL('../servers/hocuspocus-main.js', import.meta.url))
const Y_WEBSOCKET_MAIN = join(
  dirname(require.resolve('@y/websocket-server/package.json')),
  'src',
  'server.js',
)

/** Tokens for servers that do not check them (Hocuspocus still wants an auth message). */
const anyToken = (index: number): string => `bench-user-${index}`

/** Starts apps/server (default configuration, SQLite, auth by JWT) on a free port. */
async function startTandem(
  dataDir: string,
  wsUrl: (port: number, doc: string) => string,
): Promise<RunningServer> {
  const port = await freePort()
  // A fixed secret per process: restarts of one data dir keep accepting the same tokens.
  const secret = SECRET
  return startServerProcess({
    entry: TANDEM_MAIN,
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      TANDEM_DATA_DIR: dataDir,
      TANDEM_JWT_SECRET: secret,
    },
    port,
    dataDir,
    readyPath: '/health',
    metricsPath: '/metrics',
    wsUrl: (doc) => wsUrl(port, doc),
    token: (index) =>
      signHs256(
        {
          sub: `bench-${index}`,
          name: `Bench ${index}`,
          roles: { 'doc:*': 'editor' },
          exp: Math.floor(Date.now() / 1000) + 24 * 3600,
        },
        secret,
      ),
  })
}

const tandemUnavailable = (): string | null =>
  existsSync(TANDEM_MAIN) ? null : `${TANDEM_MAIN} not built`

/** Tandem's server on its Hocuspocus endpoint, `/collab`. */
const tandem: Contender = {
  id: 'tandem',
  label: 'Tandem',
  dialect: 'hocuspocus',
  persists: true,
  acks: true,
  unavailable: tandemUnavailable,
  start: (dataDir) => startTandem(dataDir, (port) => `ws://127.0.0.1:${port}/collab`),
}

/**
 * The same Tandem server through its y-websocket door, `/yjs/<name>?token=` (the load
 * generator adds the token): what an existing y-websocket app gets by changing its URL.
 */
const tandemYjs: Contender = {
  id: 'tandem-yjs',
  label: 'Tandem /yjs (y-websocket protocol)',
  dialect: 'y-websocket',
  persists: true,
  acks: false,
  unavailable: tandemUnavailable,
  start: (dataDir) =>
    startTandem(dataDir, (port, doc) => `ws://127.0.0.1:${port}/yjs/${encodeURIComponent(doc)}`),
}

const SECRET = randomBytes(32).toString('hex')

/** Stock Hocuspocus 4.7 + @hocuspocus/extension-sqlite (defaults, database in a file). */
const hocuspocus: Contender = {
  id: 'hocuspocus',
  label: 'Hocuspocus 4.7 + SQLite',
  dialect: 'hocuspocus',
  persists: true,
  acks: true,
  unavailable: () => (existsSync(HOCUSPOCUS_MAIN) ? null : `${HOCUSPOCUS_MAIN} not built`),
  async start(dataDir) {
    const port = await freePort()
    return startServerProcess({
      entry: HOCUSPOCUS_MAIN,
      env: { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir },
      port,
      dataDir,
      readyPath: '/',
      wsUrl: () => `ws://127.0.0.1:${port}`,
      token: anyToken,
    })
  },
}

/** The reference y-websocket server (@y/websocket-server 0.1.1 bin, in-memory). */
const yWebsocket: Contender = {
  id: 'y-websocket',
  label: 'y-websocket 0.1.1 (in-memory)',
  dialect: 'y-websocket',
  persists: false,
  acks: false,
  unavailable: () => null,
  async start(dataDir) {
    const port = await freePort()
    return startServerProcess({
      entry: Y_WEBSOCKET_MAIN,
      env: { PORT: String(port), HOST: '127.0.0.1' },
      port,
      dataDir,
      readyPath: '/',
      wsUrl: (doc) => `ws://127.0.0.1:${port}/${encodeURIComponent(doc)}`,
      // No auth in the protocol: the load generator adds no token to the URL.
      token: () => '',
    })
  },
}

/**
 * Every contender, Tandem first; each table compares Tandem with the two baselines, and
 * Tandem's y-websocket door with the y-websocket server.
 */
export const CONTENDERS: readonly Contender[] = [tandem, hocuspocus, yWebsocket, tandemYjs]

/** Looks a contender up by id. */
export function contender(id: ContenderId): Contender {
  const found = CONTENDERS.find((c) => c.id === id)
  if (!found) throw new Error(`unknown contender ${id}`)
  return found
}
