import { describe, expect, it } from 'vitest'
import { ConfigError, configFromEnv } from './config.js'

describe('configFromEnv', () => {
  it('applies the documented defaults', () => {
    expect(configFromEnv({})).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      dataDir: './data',
      logLevel: 'info',
    })
  })

  it('reads every variable', () => {
    const config = configFromEnv({
      PORT: '0',
      HOST: '0.0.0.0',
      TANDEM_DATA_DIR: '/tmp/x',
      TANDEM_JWT_SECRET: 'a-long-enough-secret',
      TANDEM_REDIS_URL: 'redis://127.0.0.1:6380',
      TANDEM_DATABASE_URL: 'postgres://tandem:pw@db:5432/tandem',
      TANDEM_INSTANCE_ID: 'tandem-a',
      TANDEM_LOG_LEVEL: 'debug',
    })
    expect(config).toMatchObject({
      port: 0,
      host: '0.0.0.0',
      dataDir: '/tmp/x',
      jwtSecret: 'a-long-enough-secret',
      redisUrl: 'redis://127.0.0.1:6380',
      databaseUrl: 'postgres://tandem:pw@db:5432/tandem',
      instanceId: 'tandem-a',
      logLevel: 'debug',
    })
  })

  it.each([
    [{ PORT: 'abc' }, /PORT/],
    [{ PORT: '-1' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ PORT: '80.5' }, /PORT/],
    [{ TANDEM_LOG_LEVEL: 'loud' }, /TANDEM_LOG_LEVEL/],
    [{ TANDEM_JWT_SECRET: 'short' }, /at least 16/],
    [{ TANDEM_JWT_SECRET: 'a-long-enough-secret', TANDEM_JWKS_URL: 'https://x/jwks' }, /not both/],
    [{ TANDEM_JWKS_URL: 'not a url' }, /TANDEM_JWKS_URL/],
    [{ TANDEM_REDIS_URL: 'http://localhost:6379' }, /TANDEM_REDIS_URL/],
    [{ TANDEM_DATABASE_URL: 'postgres//nohost' }, /TANDEM_DATABASE_URL: .*not a URL/],
    [{ TANDEM_DATABASE_URL: 'mysql://db/tandem' }, /TANDEM_DATABASE_URL: .*postgres:\/\//],
  ])('refuses %o with a clear message', (env, message) => {
    expect(() => configFromEnv(env)).toThrow(ConfigError)
    expect(() => configFromEnv(env)).toThrow(message)
  })
})
