import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { chatDoc } from './chat.js'
import { errorCode } from './test-support/error-code.js'

const ada = { id: 'ada', name: 'Ada' }
const bob = { id: 'bob', name: 'Bob' }

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
}

describe('chat document', () => {
  it('sends, edits and deletes own messages; reads windows', () => {
    const chat = chatDoc(new Y.Doc())
    expect(chat.migrate()).toBe(1)
    const first = chat.send({ author: ada, body: 'hello' })
    const second = chat.send({ author: bob, body: 'hi <@ada>' })
    chat.send({ author: ada, body: 'third' })
    expect(chat.length).toBe(3)
    expect(chat.latest(2).map((m) => [m.index, m.body])).toEqual([
      [1, 'hi <@ada>'],
      [2, 'third'],
    ])
    expect(chat.window(-5, 1).map((m) => m.id)).toEqual([first.id])
    expect(chat.window(2, 1)).toEqual([])
    chat.edit(first.id, 'ada', 'hello all')
    chat.delete(second.id, 'bob')
    expect(chat.window(0, 3).map((m) => [m.body, m.deleted, m.edited !== null])).toEqual([
      ['hello all', false, true],
      ['', true, false],
      ['third', false, false],
    ])
  })

  it('keeps one order on every replica for messages sent concurrently offline', () => {
    const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc()]
    chatDoc(docs[0]!).send({ author: ada, body: 'start' })
    sync(docs[0]!, docs[1]!)
    sync(docs[0]!, docs[2]!)
    docs.forEach((doc, i) => {
      for (let n = 0; n < 3; n++) chatDoc(doc).send({ author: ada, body: `r${i}m${n}` })
    })
    sync(docs[0]!, docs[1]!)
    sync(docs[1]!, docs[2]!)
    sync(docs[0]!, docs[1]!)
    const orders = docs.map((doc) =>
      chatDoc(doc)
        .window(0, 100)
        .map((m) => m.body),
    )
    expect(orders[0]).toHaveLength(10)
    expect(orders[1]).toEqual(orders[0])
    expect(orders[2]).toEqual(orders[0])
    // A replica's own messages keep their relative order.
    for (let i = 0; i < 3; i++) {
      const mine = orders[0]!.filter((body) => body.startsWith(`r${i}`))
      expect(mine).toEqual([`r${i}m0`, `r${i}m1`, `r${i}m2`])
    }
  })

  it('counts unread messages from others and never moves a read marker back', () => {
    const chat = chatDoc(new Y.Doc())
    const m1 = chat.send({ author: bob, body: 'one' })
    chat.send({ author: ada, body: 'mine' })
    const m3 = chat.send({ author: bob, body: 'three' })
    expect(chat.unreadCount('ada')).toBe(2)
    chat.markRead('ada', m3.id)
    expect(chat.unreadCount('ada')).toBe(0)
    chat.markRead('ada', m1.id)
    expect(chat.lastRead('ada')?.messageId).toBe(m3.id)
    expect(chat.seenBy(m1.id)).toEqual(['ada'])
    chat.markRead('bob', m1.id)
    expect(chat.seenBy(m1.id)).toEqual(['ada', 'bob'])
    expect(chat.seenBy(m3.id)).toEqual(['ada'])
  })

  it('stops counting unread messages at `max`', () => {
    const chat = chatDoc(new Y.Doc())
    for (let i = 0; i < 10; i++) chat.send({ author: { id: 'bob', name: 'Bob' }, body: `m${i}` })
    expect(chat.unreadCount('ada')).toBe(10)
    expect(chat.unreadCount('ada', { max: 3 })).toBe(3)
    chat.markRead('ada', chat.latest(2)[0]?.id ?? '')
    expect(chat.unreadCount('ada', { max: 3 })).toBe(1)
  })

  it('merges read markers of different users from different replicas', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    const m1 = chatDoc(a).send({ author: ada, body: 'x' })
    const m2 = chatDoc(a).send({ author: ada, body: 'y' })
    sync(a, b)
    chatDoc(a).markRead('ada', m2.id)
    chatDoc(b).markRead('bob', m1.id)
    sync(a, b)
    for (const doc of [a, b]) {
      expect(chatDoc(doc).lastRead('ada')?.messageId).toBe(m2.id)
      expect(chatDoc(doc).lastRead('bob')?.messageId).toBe(m1.id)
      expect(chatDoc(doc).unreadCount('bob')).toBe(1)
    }
  })

  it('finds messages by id in a large room without rescanning on every append', () => {
    const chat = chatDoc(new Y.Doc())
    const ids: string[] = []
    for (let i = 0; i < 2_000; i++) ids.push(chat.send({ author: ada, body: `m${i}` }).id)
    expect(chat.get(ids[1_234]!)?.body).toBe('m1234')
    expect(chat.indexOf('missing')).toBe(-1)
    expect(chat.latest(3).map((m) => m.index)).toEqual([1_997, 1_998, 1_999])
  })

  it('finds messages that arrived from another replica, at the end or merged before it', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    const chatA = chatDoc(a)
    const chatB = chatDoc(b)
    for (let i = 0; i < 100; i++) chatA.send({ author: ada, body: `m${i}` })
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    expect(chatA.indexOf(chatA.latest(1)[0]?.id ?? '')).toBe(99) // cache built
    // Concurrent: B appends one, A appends one; after the merge each sits where Yjs put it.
    const fromB = chatB.send({ author: bob, body: 'from b' })
    chatA.send({ author: ada, body: 'from a' })
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    const order = chatA.window(0, chatA.length).map((m) => m.id)
    for (const [index, id] of order.entries()) expect(chatA.indexOf(id)).toBe(index)
    expect(chatA.get(fromB.id)?.body).toBe('from b')
    expect(chatA.indexOf('missing')).toBe(-1)
  })

  it('refuses other people’s messages and bad input with typed errors, changing nothing', () => {
    const chat = chatDoc(new Y.Doc())
    const mine = chat.send({ author: ada, body: 'mine' })
    const before = Y.encodeStateAsUpdate(chat.doc)
    expect(errorCode(() => chat.edit(mine.id, 'bob', 'x'))).toBe('forbidden')
    expect(errorCode(() => chat.delete('nope', 'ada'))).toBe('not-found')
    expect(errorCode(() => chat.markRead('ada', 'nope'))).toBe('not-found')
    expect(errorCode(() => chat.send({ author: ada, body: '' }))).toBe('bad-request')
    expect(errorCode(() => chat.send({ author: ada, body: 'x', id: mine.id }))).toBe('bad-request')
    expect(Y.encodeStateAsUpdate(chat.doc)).toEqual(before)
  })
})
