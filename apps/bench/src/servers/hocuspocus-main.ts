/**
 * Stock Hocuspocus 4 with @hocuspocus/extension-sqlite, the baseline Tandem builds on. Defaults
 * everywhere except the SQLite file: the extension's default database is ':memory:', which
 * stores nothing across a restart, so the bench points it at a file in the data dir.
 * Env: PORT, HOST, DATA_DIR. SIGTERM stores every loaded document, then exits.
 */
import { join } from 'node:path'
import { SQLite } from '@hocuspocus/extension-sqlite'
import { Server } from '@hocuspocus/server'

const port = Number(process.env.PORT)
const dataDir = process.env.DATA_DIR
if (!Number.isInteger(port) || port <= 0 || !dataDir) {
  console.error('hocuspocus-main: PORT (a positive integer) and DATA_DIR are required')
  process.exit(2)
}

const server = new Server({
  port,
  address: process.env.HOST ?? '127.0.0.1',
  extensions: [new SQLite({ database: join(dataDir, 'hocuspocus.sqlite') })],
})
await server.listen()

process.once('SIGTERM', () => {
  server.destroy().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error('hocuspocus-main: destroy failed', error)
      process.exit(1)
    },
  )
})
