import { createServer } from 'node:http'
import { fileURLToPath } from 'node:url'
import { configFromEnv } from './config.js'
import { createHandler } from './routes.js'

// apps/example-host, from dist-server/main.js.
const APP_DIR = fileURLToPath(new URL('..', import.meta.url))

function main(): void {
  const config = configFromEnv(process.env, APP_DIR)
  const server = createServer(createHandler(config))
  server.listen(config.port, config.host, () => {
    const address = server.address()
    const port = typeof address === 'object' && address ? address.port : config.port
    // One line the e2e tests (and people) read: where the app is.
    console.log(
      `example-host listening on http://${config.host}:${port} (Tandem at ${config.tandemUrl})`,
    )
  })
  const stop = (): void => {
    server.close(() => process.exit(0))
    server.closeAllConnections()
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}

try {
  main()
} catch (error) {
  console.error(`example-host: ${(error as Error).message}`)
  process.exit(1)
}
