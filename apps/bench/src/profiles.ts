/** Sizes and durations of one benchmark run. */
export interface Profile {
  name: 'tiny' | 'quick' | 'full'
  /** Runs (measurement windows, restarts) per figure: tables show their median, min and max. */
  repeats: number
  /** Load-generator processes holding the receiving clients (plus one for the timed clients). */
  bulkWorkers: number
  latency: {
    clients: number[]
    /** Clients typing. */
    writers: number
    /** Clients that only receive, timed like the writers (their own process, connected last). */
    observers: number
    /** Per writer; 8/s is the median human rate of the clownschool trace. */
    editsPerSecond: number
    windowMs: number
    /** Client count at which the reconnect storm runs; null = no storm. */
    stormAt: number | null
    stormWindowMs: number
    /** Storms per contender (each is a burst of N^2 presence frames for a baseline: costly). */
    stormRuns: number
  }
  fanout: { docs: number; clientsPerDoc: number; updatesPerSecond: number[]; windowMs: number }
  connections: { idle: number; docs: number }
  coldLoad: { trace: string; txns: number | null }
  durability: { updates: number; updatesPerSecond: number }
  offline: { baseTxns: number; offlineEdits: number; onlineEdits: number }
  conversation: {
    /** Room sizes (clients on one chat and one comments document). */
    members: number[]
    /** Per writer (the latency profile's writers post). */
    messagesPerSecond: number
    windowMs: number
    /** Messages in the room whose cold open is timed. */
    roomMessages: number
  }
}

/** For the smoke test: every code path, seconds in total. */
export const TINY: Profile = {
  name: 'tiny',
  repeats: 1,
  bulkWorkers: 1,
  latency: {
    clients: [6],
    writers: 2,
    observers: 2,
    editsPerSecond: 8,
    windowMs: 500,
    stormAt: 6,
    stormWindowMs: 1500,
    stormRuns: 1,
  },
  fanout: { docs: 3, clientsPerDoc: 3, updatesPerSecond: [30], windowMs: 500 },
  connections: { idle: 30, docs: 10 },
  coldLoad: { trace: 'automerge-paper', txns: 3000 },
  durability: { updates: 20, updatesPerSecond: 50 },
  offline: { baseTxns: 500, offlineEdits: 300, onlineEdits: 30 },
  conversation: { members: [6], messagesPerSecond: 4, windowMs: 500, roomMessages: 2000 },
}

/** `pnpm bench`: under five minutes on the 2-core machine. */
export const QUICK: Profile = {
  name: 'quick',
  repeats: 3,
  bulkWorkers: 1,
  latency: {
    clients: [10, 100, 1000],
    writers: 5,
    observers: 19,
    editsPerSecond: 8,
    windowMs: 1500,
    stormAt: 1000,
    stormWindowMs: 4000,
    stormRuns: 2,
  },
  fanout: { docs: 100, clientsPerDoc: 10, updatesPerSecond: [2000], windowMs: 1500 },
  connections: { idle: 3000, docs: 1000 },
  coldLoad: { trace: 'automerge-paper', txns: null },
  durability: { updates: 100, updatesPerSecond: 50 },
  offline: { baseTxns: 20_000, offlineEdits: 5000, onlineEdits: 500 },
  conversation: {
    members: [100, 1000],
    messagesPerSecond: 2,
    windowMs: 1500,
    roomMessages: 100_000,
  },
}

/** `pnpm bench --full`. */
export const FULL: Profile = {
  name: 'full',
  repeats: 5,
  bulkWorkers: 2,
  latency: {
    clients: [10, 100, 1000],
    writers: 5,
    observers: 19,
    editsPerSecond: 8,
    windowMs: 5000,
    stormAt: 1000,
    stormWindowMs: 8000,
    stormRuns: 3,
  },
  fanout: { docs: 100, clientsPerDoc: 10, updatesPerSecond: [2000, 10_000], windowMs: 5000 },
  connections: { idle: 10_000, docs: 10_000 },
  coldLoad: { trace: 'automerge-paper', txns: null },
  durability: { updates: 1000, updatesPerSecond: 100 },
  offline: { baseTxns: 50_000, offlineEdits: 20_000, onlineEdits: 2000 },
  conversation: {
    members: [100, 1000],
    messagesPerSecond: 2,
    windowMs: 5000,
    roomMessages: 100_000,
  },
}

export const PROFILES = { tiny: TINY, quick: QUICK, full: FULL } as const
