import type { Profile } from '../profiles.js'

/** Method and context paragraphs appended to the report. */
export function contextNotes(profile: Profile, extra: string | undefined): string[] {
  const notes = ['## Method', '', ...METHOD, '', '## Context: reference figures', '', ...ANCHORS]
  notes.push('', '## Embeddable editor size', '', ...EDITOR_SIZE)
  if (extra) notes.push('', '## Notes on this run', '', extra)
  notes.push('', '## Profile', '', `\`${profile.name}\`: \`${JSON.stringify(profile)}\``)
  return notes
}

const METHOD = [
  '- Every server runs in its own child process on 127.0.0.1 with a fresh temp data dir, one contender',
  '  after the other within each scenario (never two at once). RSS is read from /proc/<pid>/status, heap',
  '  from the process itself after a forced GC (a preloaded IPC hook, `--expose-gc`), CPU from',
  '  /proc/<pid>/stat, bytes written to storage from /proc/<pid>/io (write_bytes).',
  '- Tandem is `apps/server` (`node apps/server/dist/main.js`), default configuration, with',
  '  `TANDEM_JWT_SECRET` set and an HS256 token per client (`roles: {"doc:*": "editor"}`). Hocuspocus is',
  '  `new Server({ extensions: [new SQLite({ database: <file> })] })`, everything else default (the',
  "  extension's own default database is `:memory:`, which would store nothing across a restart).",
  '  y-websocket is the `@y/websocket-server` bin (`HOST`, `PORT`), its default in-memory setup.',
  '  Tandem /yjs is the same Tandem server reached through `/yjs/<name>?token=` by y-websocket clients;',
  '  that door stores each update before relaying it (no ack in the protocol), the cold load waits for',
  '  a fresh client to receive the whole upload instead of an ack.',
  '- Clients are real WebSocket clients speaking the Hocuspocus protocol (auth, sync, awareness,',
  '  SyncStatus acks) or the y-websocket protocol, spread over load-generator processes: bulk receivers',
  '  in one or more processes, the typists and timed observers (connected last) in their own. Every',
  '  client announces a presence state `{user, status, cursor}` after its first sync.',
  '- An edit is one keystroke-sized insert carrying a monotonic timestamp (CLOCK_MONOTONIC is shared by',
  '  all processes), found by receivers in the raw update bytes, so latency is measured at the receiving',
  '  client without clock skew and without every receiver decoding Yjs. Latency figures are read at the',
  '  timed clients (typists + observers), which never disconnect; typists type 8 edits/s each, the',
  '  median human rate of the clownschool trace. "edits not delivered" counts timed deliveries missing',
  '  after a bounded drain.',
  '- Reconnect storm: while the typists keep typing, every other client closes its socket and all of them',
  '  reconnect at once, each sending sync step 1 and its presence. The storm figure is the p99 of edits',
  '  sent from the storm start until one second after the last client synced again.',
  '- Fan-out: one typist per document, the rest receive; "relayed" is updates delivered to all peers per',
  '  second (window plus drain), "delivered" counts every copy.',
  '- Idle connections: clients connect, sync and stay idle; per-connection memory is the RSS (and heap)',
  '  growth divided by the connections. Per document: the same with one document per connection, minus',
  '  the per-connection cost. Projected RSS at 10,000 = idle RSS + 10,000 x per-connection cost.',
  '- Cold load: the automerge-paper trace (259,778 single-character transactions, CC BY 4.0, Martin',
  '  Kleppmann et al.) replayed into a Tiptap-shaped document (paragraph > text), uploaded by one client,',
  '  the server stopped with SIGTERM and restarted on the same data dir; the figure is connect -> complete',
  '  sync step 2 received by a fresh client (the first reload also checks the text is identical).',
  '- Durability: one client types at a steady rate; ack latency is update sent -> SyncStatus received.',
  '  Bytes written are measured once the server stopped writing (Hocuspocus stores the whole document,',
  '  debounced 2 s, max 10 s). Then 50 more updates are typed, every ack awaited, the server killed with',
  '  SIGKILL at once, restarted, and the acknowledged updates missing from the document counted.',
  '  y-websocket has no acknowledgement and stores nothing: those cells say so.',
  '- Offline merge: client A syncs a base document (a prefix of the trace), goes offline and replays the',
  '  next stretch of the trace (one transaction per keystroke) while client B types online; the figure',
  '  is A reconnecting -> A and B holding identical documents (state vectors and text).',
]

// From /work/shared/data/anchors/perf-anchors.json (published figures cite their source there).
const ANCHORS = [
  'Measured earlier on this machine kind (AMD EPYC, 2 vCPU, Node 20.20.2, load generator on the same',
  'cores; single or 2-3 runs, so compare within one run only):',
  '',
  '| figure | Hocuspocus 4.7 + SQLite | y-websocket 0.1.1 |',
  '| --- | --- | --- |',
  '| edit-to-peer p99, 100 clients | 6.1 ms | 6.4 ms |',
  '| edit-to-peer p99, 1000 clients | 23–25 ms | 20–24 ms |',
  '| presence storm, 1000 clients announce at once: edit p99 | 145–185 ms (max 240) | 8,651 ms (p50 3,627) |',
  '| connect + sync 1000 clients | 0.77–1.1 s | 0.57–0.85 s |',
  '| idle memory per connection, 3000 on one doc | 22–25 KB | 14–15 KB |',
  '| cold load of automerge-paper after restart | 85–118 ms | 140–195 ms (with y-leveldb) |',
  '| fan-out 10k updates/s over 100 docs x 10 clients, p99 | 93–139 ms | 46–88 ms |',
  '| server CPU per delivered frame, 1000 clients | 11–13 µs | 9–12 µs |',
  '',
  'Floors on this machine kind: ws echo over loopback between processes p50 64 µs / p99 250 µs;',
  'one ws process broadcasting to 1000 receivers 66,560 deliveries/s; 10,000 idle ws connections',
  '6.1 KB RSS and 2.5 KB heap each; SQLite WAL single-row insert p99 70 µs (synchronous=NORMAL) and',
  '821 µs (FULL); the automerge-paper document loads in 107–139 ms in a fresh process (11–22 ms warm)',
  'and holds 2.95 MB of heap.',
  '',
  'Published: Yjs B4 (automerge-paper) encodes to 159,929 bytes (v2) and parses in 39 ms',
  '(dmonad/crdt-benchmarks, i5-8400); a Hocuspocus 2.15 load test held 1,500 clients in 500 rooms at',
  '350 updates/s with p99 broadcast 3.2 ms (CasualOffice/sheets, Apple Silicon); the 2016 websocket',
  'shootout held ~13,000 Node ws clients under 500 ms p95 (hashrocket); ws 2.2 used ~6.4 KB per',
  'connection at 1M connections (uWebSockets benchmarks).',
]

// Measured by hand, not by this run (a bundle size does not depend on load): re-measure when the
// editor's dependencies change and update these lines.
const EDITOR_SIZE = [
  'Measured 2026-12-03 from the packed packages (`pnpm pack`, installed with npm outside the',
  'workspace, as `packages/editor/test/pack.test.ts` does), entry',
  '`<TandemEditor serverUrl docId getToken user />` rendered with `react-dom/client`; esbuild 0.25',
  '`--bundle --minify --format=esm`, `NODE_ENV=production`, gzip -9.',
  '',
  '| bundle | minified | minified + gzip |',
  '| --- | --- | --- |',
  '| `@tandem/editor` and everything it imports, React and ReactDOM external | 656 KB | 205 KB |',
  '| the same with React 19 + ReactDOM bundled (a page that is only the editor) | 880 KB | 273 KB |',
  "| the pack test's ten-line app (React included), Vite 8 production build | 863 KB | 265 KB |",
  '| React 19 + ReactDOM alone, for comparison | 223 KB | 69 KB |',
  '| `@tandem/editor/style.css` | 8.9 KB | 2.5 KB |',
  '',
  'Of the 656 KB: ProseMirror ~230 KB (view 97, model 44, tables 34, transform 32), Tiptap core and',
  'extensions ~175 KB, Yjs + lib0 88 KB, y-tiptap 23 KB, the Hocuspocus provider 22 KB, linkifyjs',
  "20 KB, Tandem's own editor 22 KB and client 21 KB. `apps/example-host` (two editors, its own UI)",
  'builds with Vite 8 to 871 KB / 271 KB gzip including React; the pack test logs its ten-line',
  "app's Vite bundle on every run (`[pack] ten-line app bundle`).",
]
