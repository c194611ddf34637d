import {
  checkPostgresUrl,
  DatabaseUrlError,
  isLogLevel,
  type LogLevel,
  type ServerOptions,
} from '@tandem/server'

/** Usage text for `--help`. */
export const USAGE = `tandem-server: the Tandem collaboration server (HTTP, /collab and /yjs WebSockets, web app)

Usage: node dist/main.js [--help]

Environment:
  PORT                port to listen on (default 8080; 0 picks a free port)
  HOST                interface to bind (default 127.0.0.1)
  TANDEM_DATA_DIR     SQLite database and local secret (default ./data)
  TANDEM_JWT_SECRET   HS256 secret for tokens
  TANDEM_JWKS_URL     JWKS URL for tokens signed elsewhere
                      (neither: local mode, secret kept in the data dir, guest sign-in on)
  TANDEM_REDIS_URL    redis://host:port turns on multi-instance mode
  TANDEM_DATABASE_URL postgres://user:password@host:port/db: the store shared by
                      every instance (default: SQLite in TANDEM_DATA_DIR)
  TANDEM_INSTANCE_ID  name in /health and the metrics' instance label
                      (default <hostname>:<port>)
  TANDEM_LOG_LEVEL    debug | info | warn | error | silent (default info)

SIGTERM or SIGINT flushes every pending write and exits 0.
`

/** A configuration problem, reported to the operator as one line. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError'
}

/** Server options from environment variables; throws ConfigError naming the bad variable. */
export function configFromEnv(env: NodeJS.ProcessEnv): ServerOptions & { logLevel: LogLevel } {
  const port = parsePort(env.PORT)
  const host = nonEmpty(env, 'HOST') ?? '127.0.0.1'
  const jwtSecret = nonEmpty(env, 'TANDEM_JWT_SECRET')
  const jwksUrl = nonEmpty(env, 'TANDEM_JWKS_URL')
  const redisUrl = nonEmpty(env, 'TANDEM_REDIS_URL')
  const databaseUrl = nonEmpty(env, 'TANDEM_DATABASE_URL')
  const logLevel = nonEmpty(env, 'TANDEM_LOG_LEVEL') ?? 'info'
  if (!isLogLevel(logLevel)) {
    throw new ConfigError(
      `TANDEM_LOG_LEVEL must be debug, info, warn, error or silent, got "${logLevel}"`,
    )
  }
  if (jwtSecret && jwksUrl)
    throw new ConfigError('set TANDEM_JWT_SECRET or TANDEM_JWKS_URL, not both')
  if (jwtSecret && jwtSecret.length < 16)
    throw new ConfigError('TANDEM_JWT_SECRET must be at least 16 characters')
  if (jwksUrl) checkUrl('TANDEM_JWKS_URL', jwksUrl, ['http:', 'https:'])
  if (redisUrl) checkUrl('TANDEM_REDIS_URL', redisUrl, ['redis:', 'rediss:'])
  if (databaseUrl) {
    try {
      checkPostgresUrl(databaseUrl)
    } catch (error) {
      if (error instanceof DatabaseUrlError)
        throw new ConfigError(`TANDEM_DATABASE_URL: ${error.message}`)
      throw error
    }
  }
  return {
    port,
    host,
    dataDir: nonEmpty(env, 'TANDEM_DATA_DIR') ?? './data',
    jwtSecret,
    jwksUrl,
    redisUrl,
    databaseUrl,
    instanceId: nonEmpty(env, 'TANDEM_INSTANCE_ID'),
    logLevel,
  }
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 8080
  if (!/^\d+$/.test(value.trim()) || Number(value) > 65535) {
    throw new ConfigError(`PORT must be an integer from 0 to 65535, got "${value}"`)
  }
  return Number(value)
}

function nonEmpty(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim()
  return value ? value : undefined
}

function checkUrl(name: string, value: string, protocols: string[]): void {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new ConfigError(`${name} is not a valid URL: "${value}"`)
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(`${name} must use ${protocols.join(' or ')}, got "${url.protocol}"`)
  }
}
