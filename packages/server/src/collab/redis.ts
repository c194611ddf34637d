import { Redis } from '@hocuspocus/extension-redis'

/**
 * The Hocuspocus Redis extension for `redisUrl` (`redis://[user:password@]host:port[/db]`):
 * instances that share a Redis relay updates and awareness of the documents they hold.
 */
export function createRedisExtension(redisUrl: string): Redis {
  let url: URL
  try {
    url = new URL(redisUrl)
  } catch {
    throw new TypeError(`redisUrl is not a URL: ${redisUrl}`)
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new TypeError(`redisUrl must start with redis:// or rediss://, got ${url.protocol}//`)
  }
  const db = url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0
  if (!Number.isInteger(db) || db < 0)
    throw new TypeError(`redisUrl has a bad database number: ${url.pathname}`)
  return new Redis({
    host: url.hostname || '127.0.0.1',
    port: url.port ? Number(url.port) : 6379,
    options: {
      username: url.username ? decodeURIComponent(url.username) : undefined,
      password: url.password ? decodeURIComponent(url.password) : undefined,
      db,
      tls: url.protocol === 'rediss:' ? {} : undefined,
    },
  })
}
