import * as Y from 'yjs'
import type { Contender, RunningServer } from '../contenders/types.js'
import { BenchClient } from '../protocol/client.js'
import { paragraphText } from '../protocol/content.js'
import { markerText } from '../protocol/markers.js'
import { loadTrace, replay, type Trace } from '../trace.js'
import { nowMs, nowUs, waitFor } from '../util/time.js'
import { withServer, type ScenarioContext } from './context.js'

export const OFFLINE = '6. Offline merge'
const DOC = 'doc:offline'

let trace: Trace | null = null

function client(server: RunningServer, contender: Contender, user: number): BenchClient {
  return new BenchClient({
    url: server.wsUrl(DOC),
    dialect: contender.dialect,
    doc: DOC,
    token: server.token(user),
    withDoc: true,
  })
}

const sameState = (a: Y.Doc, b: Y.Doc): boolean =>
  Buffer.compare(Y.encodeStateVector(a), Y.encodeStateVector(b)) === 0 &&
  paragraphText(a).toString() === paragraphText(b).toString()

/** Resolves when both documents hold the same state, checked on every update either applies. */
function converged(a: Y.Doc, b: Y.Doc, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (!sameState(a, b)) return
      finish()
      resolve()
    }
    const timer = setTimeout(() => {
      finish()
      reject(new Error(`documents did not converge within ${timeoutMs} ms`))
    }, timeoutMs)
    const finish = (): void => {
      clearTimeout(timer)
      a.off('update', check)
      b.off('update', check)
    }
    a.on('update', check)
    b.on('update', check)
    check()
  })
}

/**
 * Scenario 6: client A goes offline after syncing a base document and replays a long stretch
 * of the automerge-paper trace (one transaction per keystroke) while client B keeps typing
 * online. A reconnects; the figure is the time until A and B hold the same document.
 */
export async function runOffline(ctx: ScenarioContext, contender: Contender): Promise<void> {
  const { baseTxns, offlineEdits, onlineEdits } = ctx.profile.offline
  const { results } = ctx
  trace ??= await loadTrace('automerge-paper')
  const source = trace
  const figure = {
    figure: `reconnect -> converged, ${offlineEdits.toLocaleString('en-US')} offline edits vs ${onlineEdits.toLocaleString('en-US')} online`,
    unit: 'ms',
    better: 'lower' as const,
  }
  for (let run = 0; run < ctx.profile.repeats; run++) {
    await withServer(ctx, contender, async (server) => {
      const online = client(server, contender, 0)
      const offline = client(server, contender, 1)
      if (!online.doc || !offline.doc) throw new Error('clients have no document')
      replay(online.doc, source, 0, baseTxns)
      await online.connect()
      await offline.connect()
      await waitFor(
        'the base document to reach the second client',
        () => online.doc !== null && offline.doc !== null && sameState(online.doc, offline.doc),
        { timeoutMs: 30_000 },
      )
      await offline.close()

      replay(offline.doc, source, baseTxns, baseTxns + offlineEdits)
      const text = paragraphText(online.doc)
      for (let i = 0; i < onlineEdits; i++) {
        text.insert(Math.floor(Math.random() * (text.length + 1)), markerText(0, i, nowUs()))
      }
      if (contender.acks)
        await waitFor('the online edits to be acknowledged', () => online.pendingAcks === 0, {
          timeoutMs: 30_000,
        })

      const started = nowMs()
      const merged = converged(offline.doc, online.doc, 60_000)
      await offline.connect()
      await merged
      results.add(OFFLINE, figure, contender.id, nowMs() - started)
      await Promise.all([online.close(), offline.close()])
    })
  }
}
