import { Selection } from '@tiptap/pm/state'
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createPeer, linkDocs, type Peer } from './test-support/peers.js'

/** mulberry32: a tiny seeded PRNG, so a failing run can be replayed from its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const WORDS = ['alpha ', 'beta ', 'gamma ', 'δέλτα ', '😀 ', 'x']

/** One random editing action, as a person would do it through the editor. */
function randomEdit(p: Peer, next: () => number): void {
  const { editor } = p
  // Only places a person can put the caret: the nearest valid text position to a random spot.
  const near = (pos: number) => {
    const { doc } = editor.state
    const head = Selection.near(doc.resolve(Math.max(0, Math.min(pos, doc.content.size)))).head
    // A caret never sits between the two halves of an emoji (a UTF-16 surrogate pair).
    return /[\ud800-\udbff]$/.test(doc.textBetween(Math.max(0, head - 1), head)) ? head + 1 : head
  }
  const from = near(Math.floor(next() * editor.state.doc.content.size))
  const to = near(from + Math.floor(next() * 8))
  const word = WORDS[Math.floor(next() * WORDS.length)] ?? 'x'
  const at = () => editor.chain().setTextSelection(from)
  const range = () => editor.chain().setTextSelection({ from, to })
  const action = Math.floor(next() * 9)
  if (action <= 2) at().insertContent(word).run()
  else if (action === 3) at().splitBlock().run()
  else if (action === 4) range().deleteSelection().run()
  else if (action === 5) range().toggleBold().run()
  else if (action === 6) at().toggleHeading({ level: 2 }).run()
  else if (action === 7) at().toggleBulletList().run()
  else editor.commands.undo()
}

/** The editor shows exactly what its Y.XmlFragment holds (an empty fragment shows one paragraph). */
function showsItsFragment(p: Peer): boolean {
  const fragment = p.doc.getXmlFragment('content')
  return (
    fragment.length === 0 ||
    p.editor.state.doc.eq(yXmlFragmentToProseMirrorRootNode(fragment, p.editor.schema))
  )
}

const peers: Peer[] = []
afterEach(() => {
  for (const p of peers.splice(0)) p.destroy()
})

describe('seeded random editing converges (three peers through a hub, per-step checks)', () => {
  // 5 seeds x 120 steps, about 3 s each on two cores. Without SyncGuards the first four make an
  // editor drift from its own Y.Doc (4 of 60 seeds); TANDEM_FUZZ_SEEDS=60 runs 60 seeds, all
  // of which pass with the guards.
  const seeds = process.env.TANDEM_FUZZ_SEEDS
    ? Array.from({ length: Number(process.env.TANDEM_FUZZ_SEEDS) }, (_, i) => i * 7919 + 3)
    : [3, 39598, 197978, 277168, 42]
  it.each(seeds)('seed %i: three peers, random edits, undo and partitions', async (seed) => {
    const next = random(seed)
    ;['ann', 'ben', 'cy'].forEach((id, i) => {
      // Fixed client ids: Yjs orders concurrent inserts by client id; random ids would make a
      // seed's run unrepeatable.
      const doc = new Y.Doc()
      doc.clientID = i + 1
      peers.push(createPeer({ id, name: id }, doc))
    })
    // Star topology like production: every peer syncs through a hub (the server); a partition
    // is a peer going offline, and reconnecting exchanges whatever either side missed.
    const hub = new Y.Doc()
    const links = new Map<number, () => void>()
    const connect = (i: number) => {
      if (!links.has(i)) links.set(i, linkDocs(peers[i]!.doc, hub))
    }
    peers.forEach((_, i) => connect(i))
    try {
      for (let step = 0; step < 120; step++) {
        const roll = next()
        const peer = Math.floor(next() * peers.length)
        if (roll < 0.08) {
          links.get(peer)?.()
          links.delete(peer)
        } else if (roll < 0.16) {
          connect(peer)
        } else {
          randomEdit(peers[peer]!, next)
        }
        // Keystrokes are separate tasks in a browser: let queued repairs run in between.
        await Promise.resolve()
        const drifted = peers.findIndex((p) => !showsItsFragment(p))
        if (drifted >= 0)
          throw new Error(
            `seed ${seed}, step ${step}: peer ${drifted} drifted from its Y.Doc; guards ${JSON.stringify(peers.map((p) => p.editor.storage.tandemSyncGuards))}`,
          )
      }
      peers.forEach((_, i) => connect(i))
      const [first, ...rest] = peers
      for (const p of rest) {
        expect(Y.encodeStateVector(p.doc)).toEqual(Y.encodeStateVector(first!.doc))
        expect(p.editor.getJSON(), `seed ${seed}`).toEqual(first!.editor.getJSON())
      }
    } finally {
      for (const unlink of links.values()) unlink()
    }
  })
})
