/**
 * A load-generator process: runs thousands of BenchClients and answers the coordinator's
 * commands over IPC. Several of these run side by side so the load generator is not the
 * bottleneck of a single event loop.
 */
import { BenchClient } from '../protocol/client.js'
import { writeMarker, type ContentKind } from '../protocol/content.js'
import { markerText, type Marker } from '../protocol/markers.js'
import { nowMs, nowUs, pause } from '../util/time.js'
import type { ClientSpec, Collected, OpenResult, WorkerCommand, WorkerReply } from './messages.js'

interface Entry {
  spec: ClientSpec
  client: BenchClient
}

const entries: Entry[] = []
let latencyMs: number[] = []
let sentUs: number[] = []
let ackMs: number[] = []
let edits = 0

function record(ownWriter: number | undefined): (marker: Marker, receivedUs: number) => void {
  return (marker, receivedUs) => {
    if (marker.writer === ownWriter) return
    latencyMs.push((receivedUs - marker.sentUs) / 1000)
    sentUs.push(marker.sentUs)
  }
}

/** Connects clients with at most `concurrency` handshakes in flight. */
async function connectAll(batch: Entry[], concurrency: number): Promise<OpenResult> {
  const started = nowMs()
  const errors = new Set<string>()
  let connected = 0
  let failed = 0
  let next = 0
  const lane = async (): Promise<void> => {
    while (next < batch.length) {
      const entry = batch[next++] as Entry
      try {
        await entry.client.connect()
        connected++
      } catch (error) {
        failed++
        if (errors.size < 5) errors.add((error as Error).message)
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, batch.length)) }, lane))
  return { connected, failed, errors: [...errors], elapsedMs: nowMs() - started }
}

async function open(
  clients: ClientSpec[],
  concurrency: number,
  timeoutMs: number,
): Promise<OpenResult> {
  const batch = clients.map((spec) => {
    const client = new BenchClient({
      url: spec.url,
      dialect: spec.dialect,
      doc: spec.doc,
      token: spec.token,
      withDoc: spec.writer !== undefined,
      presence: spec.presence,
      localAddress: spec.localAddress,
      onMarker: record(spec.writer),
      onAck: (ms) => ackMs.push(ms),
      connectTimeoutMs: timeoutMs,
    })
    return { spec, client }
  })
  entries.push(...batch)
  return connectAll(batch, concurrency)
}

/** Every writer types at `editsPerSecond` for `durationMs`, starts spread over one interval. */
async function type(
  editsPerSecond: number,
  durationMs: number,
  content: ContentKind = 'text',
): Promise<number> {
  const writers = entries.filter((e) => e.spec.writer !== undefined && e.client.doc)
  const interval = 1000 / editsPerSecond
  const end = nowMs() + durationMs
  let sent = 0
  await Promise.all(
    writers.map(async (entry, index) => {
      const writer = entry.spec.writer as number
      const doc = entry.client.doc
      if (!doc) return
      await pause((interval * index) / Math.max(1, writers.length))
      let seq = 0
      let due = nowMs()
      while (nowMs() < end) {
        if (entry.client.isSynced) {
          writeMarker(doc, content, writer, markerText(writer, seq++, nowUs()))
          sent++
        }
        // Pace by schedule, not by sleep length, but never burst to catch up: a person who
        // was held up does not type faster afterwards.
        due = Math.max(due + interval, nowMs())
        await pause(due - nowMs())
      }
    }),
  )
  edits += sent
  return sent
}

/** All clients without a writer drop their socket and reconnect at once, announcing presence. */
async function storm(): Promise<OpenResult> {
  const bulk = entries.filter((e) => e.spec.writer === undefined)
  await Promise.all(bulk.map((e) => e.client.close()))
  return connectAll(bulk, bulk.length)
}

function collect(): Collected {
  const result: Collected = {
    latencyMs: Float64Array.from(latencyMs),
    sentUs: Float64Array.from(sentUs),
    ackMs: Float64Array.from(ackMs),
    frames: 0,
    bytes: 0,
    updates: 0,
    awareness: 0,
    edits,
  }
  for (const { client } of entries) {
    result.frames += client.counters.frames
    result.bytes += client.counters.bytes
    result.updates += client.counters.updates
    result.awareness += client.counters.awareness
    client.counters.frames =
      client.counters.bytes =
      client.counters.updates =
      client.counters.awareness =
        0
  }
  latencyMs = []
  sentUs = []
  ackMs = []
  edits = 0
  return result
}

async function handle(command: WorkerCommand): Promise<unknown> {
  switch (command.cmd) {
    case 'open':
      return open(command.clients, command.concurrency, command.timeoutMs)
    case 'type':
      return type(command.editsPerSecond, command.durationMs, command.content)
    case 'storm':
      return storm()
    case 'collect':
      return collect()
    case 'count':
      return latencyMs.length
    case 'alive':
      return entries.filter((e) => e.client.isOpen).length
    case 'close': {
      await Promise.all(entries.map((e) => e.client.close()))
      entries.length = 0
      return null
    }
    default: {
      const unknown: never = command
      throw new Error(`unknown command ${JSON.stringify(unknown)}`)
    }
  }
}

process.on('message', (message: { id: number; command: WorkerCommand }) => {
  handle(message.command).then(
    (result) => process.send?.({ id: message.id, ok: true, result } satisfies WorkerReply),
    (error: unknown) =>
      process.send?.({ id: message.id, ok: false, error: String(error) } satisfies WorkerReply),
  )
})
