import { TandemError } from '@tandem/schema'
import { BACKOFF_DEFAULTS, type BackoffOptions } from './backoff.js'
import type { TokenInput } from './token.js'

/** Options of {@link createClient}. */
export interface ClientOptions {
  /** The server's WebSocket endpoint, `ws(s)://host:port/collab`. Required. */
  url: string
  /**
   * The token sent for every document, or a function returning one. A function is called
   * once per connection (again after every reconnect) and again when the server says the
   * token expired: refresh it there. Required.
   */
  token: TokenInput
  /**
   * Keep a copy of every open document in IndexedDB (y-indexeddb), with the count of
   * changes the server has not yet acknowledged.
   * @default true when `indexedDB` exists (browsers), false otherwise
   */
  persistence?: boolean
  /**
   * Prefix of the IndexedDB database names (`<prefix><document name>`). Give each signed-in
   * user (and each server) its own prefix so their offline copies never mix.
   * @default 'tandem:'
   */
  storagePrefix?: string
  /**
   * The WebSocket class. In Node pass the `ws` package's `WebSocket`.
   * @default globalThis.WebSocket
   */
  WebSocketPolyfill?: unknown
  /**
   * Follow the browser's `online`/`offline` events: disconnect when offline (open sockets are
   * not always closed by the browser), reconnect at once when back online. `true` follows
   * `window`; an EventTarget follows that target instead.
   * @default true when `window` exists, false otherwise
   */
  watchNetwork?: boolean | EventTarget
  /**
   * Reconnection backoff (full jitter) and connection attempt timeout.
   * @default { minDelayMs: 1000, maxDelayMs: 30000, connectTimeoutMs: 10000 }
   */
  reconnect?: BackoffOptions
  /**
   * Connect as soon as the client is created; when false, call `connect()`.
   * @default true
   */
  autoConnect?: boolean
}

/** Options after defaults and validation. */
export interface ResolvedOptions {
  url: string
  token: TokenInput
  persistence: boolean
  storagePrefix: string
  WebSocketPolyfill: unknown
  network: EventTarget | null
  reconnect: Required<BackoffOptions>
  autoConnect: boolean
}

const KNOWN_KEYS: ReadonlySet<string> = new Set([
  'url',
  'token',
  'persistence',
  'storagePrefix',
  'WebSocketPolyfill',
  'watchNetwork',
  'reconnect',
  'autoConnect',
])

function bad(message: string): TandemError {
  return new TandemError('bad-request', `createClient(): ${message}`)
}

function isEventTarget(value: unknown): value is EventTarget {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as EventTarget).addEventListener === 'function' &&
    typeof (value as EventTarget).removeEventListener === 'function'
  )
}

function resolveDelay(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw bad(`reconnect.${name} must be a finite number >= 0, got ${String(value)}`)
  }
  return value
}

/** Merges options over defaults; throws TandemError('bad-request') naming the bad field. */
export function resolveOptions(options: ClientOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) throw bad('options must be an object')
  for (const key of Object.keys(options)) {
    if (!KNOWN_KEYS.has(key)) throw bad(`unknown option "${key}"`)
  }
  const { url, token } = options
  if (typeof url !== 'string' || !/^wss?:\/\//.test(url) || !URL.canParse(url)) {
    throw bad(`url must be a ws:// or wss:// URL, got ${JSON.stringify(url)}`)
  }
  if (!(typeof token === 'string' && token.length > 0) && typeof token !== 'function') {
    throw bad('token must be a non-empty string or a function returning one')
  }

  const hasIndexedDB = typeof (globalThis as { indexedDB?: unknown }).indexedDB !== 'undefined'
  const persistence = options.persistence ?? hasIndexedDB
  if (typeof persistence !== 'boolean') throw bad('persistence must be a boolean')
  if (persistence && !hasIndexedDB) throw bad('persistence needs IndexedDB, none found')

  const storagePrefix = options.storagePrefix ?? 'tandem:'
  if (typeof storagePrefix !== 'string') throw bad('storagePrefix must be a string')

  const WebSocketPolyfill =
    options.WebSocketPolyfill ?? (globalThis as { WebSocket?: unknown }).WebSocket
  if (typeof WebSocketPolyfill !== 'function') {
    throw bad(
      options.WebSocketPolyfill === undefined
        ? 'no WebSocket here: pass WebSocketPolyfill (in Node, the ws package WebSocket)'
        : 'WebSocketPolyfill must be a WebSocket class',
    )
  }

  const win = (globalThis as { window?: unknown }).window
  const watch = options.watchNetwork ?? isEventTarget(win)
  let network: EventTarget | null
  if (watch === false) network = null
  else if (watch === true) {
    if (!isEventTarget(win)) throw bad('watchNetwork: true needs a window; pass an EventTarget')
    network = win
  } else if (isEventTarget(watch)) network = watch
  else throw bad('watchNetwork must be a boolean or an EventTarget')

  const reconnectInput: unknown = options.reconnect ?? {}
  if (typeof reconnectInput !== 'object' || reconnectInput === null) {
    throw bad('reconnect must be an object')
  }
  const r = reconnectInput as Record<string, unknown>
  for (const key of Object.keys(r)) {
    if (key !== 'minDelayMs' && key !== 'maxDelayMs' && key !== 'connectTimeoutMs') {
      throw bad(`unknown option "reconnect.${key}"`)
    }
  }
  const minDelayMs = resolveDelay(r.minDelayMs, 'minDelayMs', BACKOFF_DEFAULTS.minDelayMs)
  const maxDelayMs = resolveDelay(
    r.maxDelayMs,
    'maxDelayMs',
    Math.max(minDelayMs, BACKOFF_DEFAULTS.maxDelayMs),
  )
  const connectTimeoutMs = resolveDelay(
    r.connectTimeoutMs,
    'connectTimeoutMs',
    BACKOFF_DEFAULTS.connectTimeoutMs,
  )
  if (connectTimeoutMs < 1) throw bad('reconnect.connectTimeoutMs must be at least 1')
  if (maxDelayMs < minDelayMs) {
    throw bad(`reconnect.maxDelayMs (${maxDelayMs}) is below reconnect.minDelayMs (${minDelayMs})`)
  }

  const autoConnect = options.autoConnect ?? true
  if (typeof autoConnect !== 'boolean') throw bad('autoConnect must be a boolean')

  return {
    url,
    token,
    persistence,
    storagePrefix,
    WebSocketPolyfill,
    network,
    reconnect: { minDelayMs, maxDelayMs, connectTimeoutMs },
    autoConnect,
  }
}
