import { Redis } from '@hocuspocus/extension-redis'
import { OutgoingMessage, type onConfigurePayload } from '@hocuspocus/server'
import type { Logger } from '../logger.js'

// How long a health probe waits for Redis to answer.
const PING_TIMEOUT_MS = 1_000

/**
 * The Hocuspocus Redis extension, plus a resync after Redis comes back: updates and awareness
 * published while Redis was unreachable are lost (pub/sub keeps nothing), so instances would
 * stay apart until the next edit of each document. Once the subscriber is connected again (and,
 * after a PING answered behind ioredis' automatic re-SUBSCRIBEs, listening again), every loaded
 * document publishes its state vector and asks for presence; peers answer with what it lacks and
 * their own state vector (Hocuspocus' SyncStep1 reply), so both directions converge.
 */
export class TandemRedis extends Redis {
  private hocuspocus: onConfigurePayload['instance'] | undefined
  private wasConnected = false

  constructor(
    configuration: ConstructorParameters<typeof Redis>[0],
    private readonly logger: Logger,
  ) {
    super(configuration)
    this.sub.on('ready', () => {
      if (this.wasConnected) void this.resync()
      this.wasConnected = true
    })
    // ioredis reconnects by itself; without a listener an 'error' event would crash the process.
    for (const client of [this.pub, this.sub]) {
      client.on('error', (error: Error) => this.logger.debug('redis.error', { error }))
    }
  }

  override async onConfigure(payload: onConfigurePayload): Promise<void> {
    this.hocuspocus = payload.instance
    await super.onConfigure(payload)
  }

  /** True when Redis answers a PING within a second. */
  async reachable(): Promise<boolean> {
    if (this.pub.status !== 'ready') return false
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS)
    })
    try {
      return await Promise.race([this.pub.ping().then(() => true), timeout])
    } catch {
      return false
    } finally {
      clearTimeout(timer)
    }
  }

  private async resync(): Promise<void> {
    const documents = this.hocuspocus?.documents
    if (!documents) return
    try {
      await this.sub.ping()
      const { identifier, prefix } = this.configuration
      const id = Buffer.from(identifier, 'utf8')
      const header = Buffer.concat([Buffer.from([id.length]), id])
      await Promise.all(
        [...documents.values()].flatMap((document) => {
          const channel = `${prefix}:${document.name}`
          const sync = new OutgoingMessage(document.name)
            .createSyncMessage()
            .writeFirstSyncStepFor(document)
            .toUint8Array()
          const query = new OutgoingMessage(document.name).writeQueryAwareness().toUint8Array()
          return [sync, query].map((message) =>
            this.pub.publish(channel, Buffer.concat([header, message])),
          )
        }),
      )
      this.logger.info('redis.resynced', { documents: documents.size })
    } catch (error) {
      this.logger.warn('redis.resync_failed', { error })
    }
  }
}

/**
 * The Redis extension for `redisUrl` (`redis://[user:password@]host:port[/db]`): instances that
 * share a Redis relay updates and awareness of the documents they hold.
 */
export function createRedisExtension(redisUrl: string, logger: Logger): TandemRedis {
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
  return new TandemRedis(
    {
      host: url.hostname || '127.0.0.1',
      port: url.port ? Number(url.port) : 6379,
      options: {
        username: url.username ? decodeURIComponent(url.username) : undefined,
        password: url.password ? decodeURIComponent(url.password) : undefined,
        db,
        tls: url.protocol === 'rediss:' ? {} : undefined,
        // Reconnect quickly after an outage (ioredis' default backs off up to 2 s).
        retryStrategy: (attempt: number) => Math.min(attempt * 100, 1_000),
      },
    },
    logger,
  )
}
