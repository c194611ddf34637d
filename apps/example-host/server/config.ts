import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

/** What the host backend runs with; every field from the environment. */
export interface HostConfig {
  /** PORT, default 3000. */
  port: number
  /** HOST, default 127.0.0.1. */
  host: string
  /** TANDEM_URL: the Tandem server's WebSocket endpoint, default ws://127.0.0.1:8080/collab. */
  tandemUrl: string
  /** TANDEM_JWT_SECRET, or the secret a local-mode Tandem server created in its data dir. */
  secret: Uint8Array
  /** TANDEM_TOKEN_TTL seconds, default 600 (the editor refreshes before expiry). */
  tokenTtlSeconds: number
  /** The built frontend (dist/). */
  staticDir: string
}

/** Reads the config; throws an Error naming the bad variable. */
export function configFromEnv(env: NodeJS.ProcessEnv, appDir: string): HostConfig {
  const port = Number(env.PORT ?? 3000)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`bad PORT ${env.PORT}`)
  const ttl = Number(env.TANDEM_TOKEN_TTL ?? 600)
  if (!Number.isFinite(ttl) || ttl < 1)
    throw new Error(`bad TANDEM_TOKEN_TTL ${env.TANDEM_TOKEN_TTL}`)
  const tandemUrl = env.TANDEM_URL ?? 'ws://127.0.0.1:8080/collab'
  if (!/^wss?:\/\//.test(tandemUrl))
    throw new Error(`TANDEM_URL must be ws(s)://, got ${tandemUrl}`)
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    tandemUrl,
    secret: new TextEncoder().encode(sharedSecret(env, appDir)),
    tokenTtlSeconds: ttl,
    staticDir: join(appDir, 'dist'),
  }
}

/**
 * The HS256 secret shared with the Tandem server. A real host gets it from its secret store;
 * for the demo next to `bash scripts/start.sh` (local mode, no secret given) it reads the one
 * that server created in its data dir.
 */
function sharedSecret(env: NodeJS.ProcessEnv, appDir: string): string {
  if (env.TANDEM_JWT_SECRET) return env.TANDEM_JWT_SECRET
  const file = resolve(appDir, env.TANDEM_DATA_DIR ?? '../server/data', 'jwt-secret')
  if (!existsSync(file)) {
    throw new Error(
      `no TANDEM_JWT_SECRET and no ${file}: start Tandem first (bash scripts/start.sh) or set TANDEM_JWT_SECRET to the secret Tandem runs with`,
    )
  }
  return readFileSync(file, 'utf8').trim()
}
