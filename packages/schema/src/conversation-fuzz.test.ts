import { describe, expect, it } from 'vitest'
import * as prng from 'lib0/prng'
import * as Y from 'yjs'
import { chatDoc } from './chat.js'
import { commentsDoc } from './comments.js'
import { TandemError } from './errors.js'

// Seeded (lib0's PRNG, as the board fuzz uses) so a failing run can be replayed from its seed.
const SEED = Number(process.env.TANDEM_FUZZ_SEED ?? Date.now() % 1_000_000)
const PEOPLE = [
  { id: 'ada', name: 'Ada' },
  { id: 'bob', name: 'Bob' },
  { id: 'cy', name: 'Cy' },
]

describe('seeded convergence fuzz over comments and chat', () => {
  it(`random edits and partial syncs on 3 replicas converge (seed ${SEED})`, () => {
    const gen = prng.create(SEED)
    const random = (): number => prng.real53(gen)
    const pick = <T>(items: T[]): T | undefined =>
      items.length === 0 ? undefined : prng.oneOf(gen, items)
    // Each replica is a person's device holding a comments and a chat document.
    const replicas = PEOPLE.map((person) => ({ person, comments: new Y.Doc(), chat: new Y.Doc() }))
    const anchorText = new Y.Doc().getText('t')
    anchorText.insert(0, 'anchor text for every thread')
    const anchor = {
      start: Y.createRelativePositionFromTypeIndex(anchorText, 0),
      end: Y.createRelativePositionFromTypeIndex(anchorText, 6, -1),
    }
    const sync = (a: Y.Doc, b: Y.Doc): void => {
      Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
      Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
    }

    for (let step = 0; step < 400; step++) {
      const replica = pick(replicas)!
      const me = replica.person
      const comments = commentsDoc(replica.comments)
      const chat = chatDoc(replica.chat)
      const roll = random()
      try {
        if (roll < 0.15 || comments.list({ includeResolved: true }).length === 0) {
          comments.createThread({ anchor, quote: 'anchor', author: me, body: `t${step}` })
        } else if (roll < 0.3) {
          const thread = pick(comments.list({ includeResolved: true }))!
          comments.reply(thread.id, { author: me, body: `r${step}` })
        } else if (roll < 0.38) {
          const thread = pick(comments.list({ includeResolved: true }))!
          const own = thread.comments.filter((c) => c.author.id === me.id && !c.deleted)
          const comment = pick(own)
          if (comment && random() < 0.5) comments.delete(thread.id, comment.id, me.id)
          else if (comment) comments.edit(thread.id, comment.id, me.id, `e${step}`)
        } else if (roll < 0.45) {
          const thread = pick(comments.list({ includeResolved: true }))!
          if (thread.resolved) comments.reopen(thread.id)
          else comments.resolve(thread.id, me)
        } else if (roll < 0.7) {
          chat.send({ author: me, body: `m${step}` })
        } else if (roll < 0.8 && chat.length > 0) {
          const own = chat.window(0, chat.length).filter((m) => m.author.id === me.id && !m.deleted)
          const message = pick(own)
          if (message && random() < 0.5) chat.delete(message.id, me.id)
          else if (message) chat.edit(message.id, me.id, `e${step}`)
        } else if (roll < 0.9 && chat.length > 0) {
          chat.markRead(me.id, pick(chat.window(0, chat.length))!.id)
        } else {
          // A partial sync between two replicas (others stay offline).
          const other = pick(replicas)!
          sync(replica.comments, other.comments)
          sync(replica.chat, other.chat)
        }
      } catch (error) {
        // A concurrent delete can make a chosen comment vanish: that is an expected refusal.
        if (!(error instanceof TandemError)) throw error
      }
    }

    for (let round = 0; round < 2; round++) {
      for (const a of replicas) {
        for (const b of replicas) {
          sync(a.comments, b.comments)
          sync(a.chat, b.chat)
        }
      }
    }
    const [first, ...rest] = replicas.map((r) => ({
      threads: commentsDoc(r.comments).list({ includeResolved: true }),
      messages: chatDoc(r.chat).window(0, 10_000),
      reads: PEOPLE.map((p) => chatDoc(r.chat).lastRead(p.id)),
      unread: PEOPLE.map((p) => chatDoc(r.chat).unreadCount(p.id)),
    }))
    for (const other of rest) expect(other, `seed ${SEED}`).toEqual(first)
    expect(first!.messages.length, `seed ${SEED}`).toBeGreaterThan(0)
  })
})
