#!/usr/bin/env node
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { createJsonLogger, createServer, DatabaseUrlError } from '@tandem/server'
import { ConfigError, USAGE, configFromEnv } from './config.js'

// The built web app, found from this file (apps/server/dist/main.js), not from the cwd.
const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url))

async function main(argv: string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE)
    return
  }
  if (argv.length > 0) throw new ConfigError(`unknown argument "${argv[0]}" (see --help)`)
  const config = configFromEnv(process.env)
  const logger = createJsonLogger({ level: config.logLevel })
  const staticDir = existsSync(`${WEB_DIST}index.html`) ? WEB_DIST : undefined
  if (!staticDir) logger.warn('web.not_built', { looked: WEB_DIST })
  const server = createServer({ ...config, staticDir, logger })

  let stopping = false
  const stop = (signal: string): void => {
    if (stopping) return
    stopping = true
    logger.info('server.stopping', { signal })
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('server.stop_failed', { error })
        process.exit(1)
      },
    )
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
  await server.listen()
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DatabaseUrlError) {
    process.stderr.write(`tandem-server: ${error.message}\n`)
  } else {
    process.stderr.write(
      `tandem-server: failed to start: ${(error as Error)?.stack ?? String(error)}\n`,
    )
  }
  process.exit(1)
})
