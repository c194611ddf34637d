import { mkdtemp, rm } from 'node:fs/promises'
import { join } from 'node:path'
import * as Y from 'yjs'
import type { Contender, RunningServer } from '../contenders/types.js'
import { BenchClient } from '../protocol/client.js'
import { paragraphText } from '../protocol/content.js'
import { loadTrace, replay } from '../trace.js'
import { directorySize } from '../util/proc.js'
import { nowMs, waitFor } from '../util/time.js'
import type { ScenarioContext } from './context.js'

export const COLD_LOAD = '4. Cold load of a large document'
const DOC = 'doc:paper'

/** The trace document, built once per run (replaying 260k transactions takes seconds). */
let built: { key: string; update: Uint8Array; text: string } | null = null

async function traceDocument(name: string, txns: number | null) {
  const key = `${name}:${txns}`
  if (built?.key === key) return built
  const trace = await loadTrace(name)
  const doc = new Y.Doc()
  replay(doc, trace, 0, txns ?? trace.txns.length)
  const text = paragraphText(doc).toString()
  if (txns === null && text !== trace.endContent)
    throw new Error(`replaying ${name} did not give its endContent`)
  built = { key, update: Y.encodeStateAsUpdate(doc), text }
  doc.destroy()
  return built
}

function client(server: RunningServer, contender: Contender, withDoc: boolean): BenchClient {
  return new BenchClient({
    url: server.wsUrl(DOC),
    dialect: contender.dialect,
    doc: DOC,
    token: server.token(0),
    withDoc,
  })
}

// True when a fresh client receives everything `source` holds. Reads state vectors only: reading
// the text through paragraphText() would create a paragraph in an empty document, an edit of
// its own that the probe would send.
async function receivesAll(
  server: RunningServer,
  contender: Contender,
  source: Y.Doc,
): Promise<boolean> {
  const probe = client(server, contender, true)
  await probe.connect()
  const received = probe.doc
  await probe.close()
  if (!received) return false
  for (const [clientId, clock] of Y.decodeStateVector(Y.encodeStateVector(source))) {
    if (Y.getState(received.store, clientId) < clock) return false
  }
  return true
}

/**
 * Scenario 4: the automerge-paper trace document is uploaded, the server stopped (it flushes),
 * restarted on the same data dir, and a fresh client times connect -> full state received.
 */
export async function runColdLoad(ctx: ScenarioContext, contender: Contender): Promise<void> {
  const { trace, txns } = ctx.profile.coldLoad
  const { results } = ctx
  const id = contender.id
  const doc = await traceDocument(trace, txns)
  const loadFigure = {
    figure: `first client synced after restart (${trace}, ${doc.text.length.toLocaleString('en-US')} chars)`,
    unit: 'ms',
    better: 'lower' as const,
    target: '< 50 ms',
    goal: 50,
  }
  const sizeFigure = {
    figure: `stored size on disk (update is ${Math.round(doc.update.byteLength / 1024)} KB)`,
    unit: 'KB',
    better: 'lower' as const,
  }
  const startFigure = {
    figure: 'server process start -> answering HTTP',
    unit: 'ms',
    better: 'lower' as const,
  }
  if (!contender.persists) {
    results.note(COLD_LOAD, loadFigure, id, 'n/a: in-memory, lost on restart')
    results.note(COLD_LOAD, sizeFigure, id, 'n/a: stores nothing')
    return
  }
  const dataDir = await mkdtemp(join(ctx.tempRoot, `${id}-cold-`))
  try {
    let server = await contender.start(dataDir)
    try {
      const uploader = client(server, contender, true)
      if (!uploader.doc) throw new Error('uploader has no document')
      Y.applyUpdate(uploader.doc, doc.update)
      await uploader.connect()
      if (contender.acks) {
        await waitFor(
          'the upload to be acknowledged',
          () => uploader.acked > 0 && uploader.pendingAcks === 0,
          { timeoutMs: 30_000 },
        )
      } else {
        // No acknowledgement (Tandem's y-websocket door): that server applies an update only
        // once it is stored, so a fresh client that receives all of it proves it stored.
        const uploaderDoc = uploader.doc
        await waitFor(
          'the upload to reach a fresh client',
          () => receivesAll(server, contender, uploaderDoc),
          {
            timeoutMs: 30_000,
            intervalMs: 200,
          },
        )
      }
      await uploader.close()
    } finally {
      await server.stop()
    }
    results.add(COLD_LOAD, sizeFigure, id, (await directorySize(dataDir)) / 1024)

    for (let run = 0; run < ctx.profile.repeats; run++) {
      server = await contender.start(dataDir)
      try {
        const reader = client(server, contender, false)
        const started = nowMs()
        await reader.connect()
        results.add(COLD_LOAD, loadFigure, id, nowMs() - started)
        results.add(COLD_LOAD, startFigure, id, server.startMs)
        await reader.close()
        if (run === 0) {
          const checker = client(server, contender, true)
          await checker.connect()
          const text = checker.doc ? paragraphText(checker.doc).toString() : ''
          await checker.close()
          if (text !== doc.text)
            throw new Error(
              `reloaded document differs: ${text.length} chars, expected ${doc.text.length}`,
            )
        }
      } finally {
        await server.stop()
      }
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true })
  }
}
