import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'

/** The server's Prometheus metrics, on a registry of its own (several servers can share a process). */
export class ServerMetrics {
  readonly registry = new Registry()
  readonly connections = new Gauge({
    name: 'tandem_connections',
    help: 'Open WebSocket connections on /collab',
    registers: [this.registry],
  })
  readonly documentsLoaded: Gauge
  readonly messagesIn = new Counter({
    name: 'tandem_messages_in_total',
    help: 'WebSocket messages received',
    registers: [this.registry],
  })
  readonly messagesOut = new Counter({
    name: 'tandem_messages_out_total',
    help: 'WebSocket messages sent',
    registers: [this.registry],
  })
  readonly bytesIn = new Counter({
    name: 'tandem_bytes_in_total',
    help: 'WebSocket payload bytes received',
    registers: [this.registry],
  })
  readonly bytesOut = new Counter({
    name: 'tandem_bytes_out_total',
    help: 'WebSocket payload bytes sent',
    registers: [this.registry],
  })
  readonly storeLatency = new Histogram({
    name: 'tandem_store_commit_seconds',
    help: 'Duration of one group commit (one transaction, one fsync)',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  })
  readonly storeBatchSize = new Histogram({
    name: 'tandem_store_commit_appends',
    help: 'Updates stored per group commit',
    buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000],
    registers: [this.registry],
  })
  readonly awarenessCoalesced = new Counter({
    name: 'tandem_awareness_changes_coalesced_total',
    help: 'Awareness changes folded into a shared broadcast instead of sent one by one',
    registers: [this.registry],
  })
  readonly awarenessBroadcasts = new Counter({
    name: 'tandem_awareness_broadcasts_total',
    help: 'Coalesced awareness broadcasts (one frame per connection each)',
    registers: [this.registry],
  })
  readonly refusals = new Counter({
    name: 'tandem_refusals_total',
    help: 'Connections or messages refused, by error code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  })

  constructor(documentsCount: () => number) {
    this.documentsLoaded = new Gauge({
      name: 'tandem_documents_loaded',
      help: 'Documents held in memory',
      registers: [this.registry],
      collect() {
        this.set(documentsCount())
      },
    })
    collectDefaultMetrics({ register: this.registry, prefix: 'tandem_' })
  }
}
