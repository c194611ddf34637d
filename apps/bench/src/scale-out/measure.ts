import { BenchClient } from '../protocol/client.js'
import { markerText } from '../protocol/markers.js'
import { summarize, withMissing } from '../util/stats.js'
import { nowMs, nowUs, pause, waitFor } from '../util/time.js'

/** Where clients connect: instance i's WebSocket URL, and a token for user i. */
export interface Cluster {
  urls: string[]
  token(index: number): string
}

/** What one measurement found. */
export interface Measured {
  sent: number
  expected: number
  delivered: number
  p50: number
  p99: number
  ackP99: number
  deliveriesPerSecond: number
}

/** One document (or several), its clients spread round-robin over the instances. */
export interface Load {
  documents: number
  writersPerDocument: number
  receiversPerDocument: number
  /** Edits per second of each writer. */
  editsPerSecond: number
  durationMs: number
}

/**
 * Opens the clients of `load` (client k of a document on instance k mod n, so each document
 * has clients on every instance: the case that crosses Redis), lets the writers type markers at
 * their rate for the duration, drains (bounded), and reads edit-to-peer latency at every
 * receiver and the writers' ack latency.
 */
export async function measure(cluster: Cluster, load: Load): Promise<Measured> {
  const latencies: number[] = []
  const acks: number[] = []
  const clients: { client: BenchClient; doc: number; writer: number | undefined }[] = []
  let user = 0
  for (let d = 0; d < load.documents; d++) {
    const perDoc = load.writersPerDocument + load.receiversPerDocument
    for (let k = 0; k < perDoc; k++) {
      const writer = k < load.writersPerDocument ? d * load.writersPerDocument + k : undefined
      const index = user++
      const client = new BenchClient({
        url: cluster.urls[k % cluster.urls.length]!,
        dialect: 'hocuspocus',
        doc: `doc:scale-${d}`,
        token: cluster.token(index),
        withDoc: writer !== undefined,
        onMarker: (marker, receivedUs) => {
          if (marker.writer !== writer) latencies.push((receivedUs - marker.sentUs) / 1000)
        },
        onAck: (ms) => acks.push(ms),
      })
      clients.push({ client, doc: d, writer })
    }
  }
  try {
    // Connect in small groups: the point is steady-state relay, not a connection storm.
    for (let i = 0; i < clients.length; i += 20) {
      await Promise.all(clients.slice(i, i + 20).map((c) => c.client.connect()))
    }
    const writers = clients.filter((c) => c.writer !== undefined)
    const interval = 1000 / load.editsPerSecond
    const end = nowMs() + load.durationMs
    let sent = 0
    const started = nowMs()
    await Promise.all(
      writers.map(async ({ client, writer }, i) => {
        await pause((interval * i) / writers.length)
        const text = client.doc!.getText('t')
        let seq = 0
        let due = nowMs()
        while (nowMs() < end) {
          text.insert(text.length, markerText(writer!, seq++, nowUs()))
          sent++
          due = Math.max(due + interval, nowMs())
          await pause(due - nowMs())
        }
      }),
    )
    const perDoc = load.writersPerDocument + load.receiversPerDocument
    const expected = sent * (perDoc - 1)
    await waitFor('deliveries', () => latencies.length >= expected, {
      timeoutMs: 15_000,
    }).catch(() => undefined)
    const elapsedS = (nowMs() - started) / 1000
    const summary = summarize(withMissing(latencies, Math.max(0, expected - latencies.length)))
    return {
      sent,
      expected,
      delivered: latencies.length,
      p50: summary.p50,
      p99: summary.p99,
      ackP99: summarize(acks).p99,
      deliveriesPerSecond: latencies.length / elapsedS,
    }
  } finally {
    await Promise.all(clients.map((c) => c.client.close()))
  }
}
