import type { Profile } from '../profiles.js'

/** Method and context paragraphs appended to the report. */
export function contextNotes(profile: Profile, extra: string | undefined): string[] {
  const notes = ['## Method', '', ...METHOD]
  if (extra) notes.push('', extra)
  notes.push('', `Profile ${profile.name}: \`${JSON.stringify(profile)}\``)
  return notes
}

const METHOD = [
  '- Every server runs in its own child process on 127.0.0.1 with a fresh temp data dir; RSS is read from',
  '  /proc/<pid>/status, heap from the process itself after a forced GC (a preloaded IPC hook), CPU from',
  '  /proc/<pid>/stat, bytes written from /proc/<pid>/io.',
  '- Clients are real WebSocket clients speaking the Hocuspocus or y-websocket protocol (sync, awareness,',
  '  auth), spread over load-generator processes: bulk receivers in one or more processes, the typists and',
  '  timed observers (connected last) in their own. Edits carry a monotonic timestamp, so latency is',
  '  measured at the receiving client across processes without clock skew.',
]
