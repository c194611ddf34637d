import { readFile } from 'node:fs/promises'
import { gunzipSync } from 'node:zlib'
import * as Y from 'yjs'
import { paragraphText } from './protocol/content.js'

/** Where the real editing traces live (see its README for the format and licences). */
export const TRACES_DIR = process.env.TANDEM_TRACES_DIR ?? '/work/shared/data/traces'

/** One patch: like Array.splice on code points, [position, deleted, inserted]. */
export type Patch = [number, number, string]

/** A sequential editing trace. */
export interface Trace {
  name: string
  endContent: string
  txns: { patches: Patch[] }[]
}

/** Reads a sequential trace (e.g. 'automerge-paper'). */
export async function loadTrace(name: string): Promise<Trace> {
  if (!/^[a-z0-9_-]+$/i.test(name)) throw new Error(`invalid trace name ${JSON.stringify(name)}`)
  const json = gunzipSync(await readFile(`${TRACES_DIR}/${name}.json.gz`)).toString('utf8')
  const parsed = JSON.parse(json) as Partial<Trace> & { kind?: string }
  if (parsed.kind === 'concurrent' || !Array.isArray(parsed.txns))
    throw new Error(`${name} is not a sequential trace`)
  return { name, endContent: parsed.endContent ?? '', txns: parsed.txns }
}

/**
 * Applies one patch to a text, clamped to its length: traces replayed onto a document others
 * also edited (offline merge) may point past its end. automerge-paper is ASCII, so code points
 * and UTF-16 units agree.
 */
export function applyPatch(text: Y.XmlText, [position, deleted, inserted]: Patch): void {
  const at = Math.min(position, text.length)
  if (deleted > 0) text.delete(at, Math.min(deleted, text.length - at))
  if (inserted.length > 0) text.insert(at, inserted)
}

/**
 * Replays txns [from, to) of a trace into the document's paragraph text, one Yjs transaction
 * per trace transaction, as a person typing would have produced them.
 */
export function replay(doc: Y.Doc, trace: Trace, from = 0, to = trace.txns.length): void {
  const text = paragraphText(doc)
  for (let i = from; i < Math.min(to, trace.txns.length); i++) {
    const txn = trace.txns[i]
    if (!txn) continue
    doc.transact(() => {
      for (const patch of txn.patches) applyPatch(text, patch)
    })
  }
}
