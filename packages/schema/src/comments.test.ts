import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { commentsDoc, resolveAnchor, type CommentThread } from './comments.js'
import { errorCode } from './test-support/error-code.js'

const ada = { id: 'ada', name: 'Ada' }
const bob = { id: 'bob', name: 'Bob' }

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
}

/** A `doc:` document with one paragraph of text, as Tiptap stores it. */
function contentDoc(text: string): { doc: Y.Doc; paragraph: Y.XmlText } {
  const doc = new Y.Doc()
  const p = new Y.XmlElement('paragraph')
  const t = new Y.XmlText()
  doc.getXmlFragment('content').push([p])
  p.push([t])
  t.insert(0, text)
  return { doc, paragraph: t }
}

function anchorOn(text: Y.XmlText, from: number, to: number) {
  return {
    start: Y.createRelativePositionFromTypeIndex(text, from),
    // The end sticks to the character before it, so typing right after the span stays outside.
    end: Y.createRelativePositionFromTypeIndex(text, to, -1),
  }
}

function anchoredText(thread: CommentThread, doc: Y.Doc): string | null {
  const range = resolveAnchor(thread, doc)
  if (!range) return null
  return (range.start.type as Y.XmlText).toString().slice(range.start.index, range.end.index)
}

describe('comments document', () => {
  it('opens, replies, edits, deletes, resolves and reopens', () => {
    const { doc: content, paragraph } = contentDoc('hello world')
    const comments = commentsDoc(new Y.Doc())
    expect(comments.migrate()).toBe(1)
    const thread = comments.createThread({
      anchor: anchorOn(paragraph, 6, 11),
      quote: 'world',
      author: ada,
      body: 'Which world?',
    })
    expect(anchoredText(thread, content)).toBe('world')
    const reply = comments.reply(thread.id, { author: bob, body: 'This one' })
    comments.edit(thread.id, reply.id, 'bob', 'This one, <@ada>')
    expect(comments.get(thread.id)?.comments.map((c) => c.body)).toEqual([
      'Which world?',
      'This one, <@ada>',
    ])
    expect(comments.get(thread.id)?.comments[1]?.edited).not.toBeNull()
    comments.delete(thread.id, thread.comments[0]!.id, 'ada')
    const after = comments.get(thread.id)!
    expect(after.comments.map((c) => [c.deleted, c.body])).toEqual([
      [true, ''],
      [false, 'This one, <@ada>'],
    ])
    comments.resolve(thread.id, bob)
    expect(comments.list()).toEqual([])
    expect(comments.list({ includeResolved: true })[0]?.resolved?.by).toEqual(bob)
    comments.reopen(thread.id)
    expect(comments.list()).toHaveLength(1)
  })

  it('keeps an anchor on its text while others insert and delete around it concurrently', () => {
    const one = contentDoc('The quick brown fox jumps')
    const two = new Y.Doc()
    sync(one.doc, two)
    const twoText = (two.getXmlFragment('content').get(0) as Y.XmlElement).get(0) as Y.XmlText
    const comments = commentsDoc(new Y.Doc())
    const thread = comments.createThread({
      anchor: anchorOn(one.paragraph, 10, 15),
      quote: 'brown',
      author: ada,
      body: 'colour?',
    })
    // Concurrent edits on two replicas: before, right after, and far after the span.
    one.paragraph.insert(0, 'Look: ')
    one.paragraph.delete(one.paragraph.length - 5, 5)
    twoText.insert(15, '!!')
    twoText.insert(4, 'very ')
    sync(one.doc, two)
    expect(one.paragraph.toString()).toBe(twoText.toString())
    expect(anchoredText(thread, one.doc)).toBe('brown')
    expect(anchoredText(thread, two)).toBe('brown')
  })

  it('shows a thread whose text was deleted as detached, never loses it', () => {
    const { doc, paragraph } = contentDoc('keep this gone')
    const comments = commentsDoc(new Y.Doc())
    const thread = comments.createThread({
      anchor: anchorOn(paragraph, 10, 14),
      quote: 'gone',
      author: ada,
      body: 'delete?',
    })
    paragraph.delete(9, 5)
    expect(resolveAnchor(thread, doc)).toBeNull()
    expect(comments.get(thread.id)?.quote).toBe('gone')
    // Whole paragraph gone too.
    doc.getXmlFragment('content').delete(0, 1)
    expect(resolveAnchor(thread, doc)).toBeNull()
    expect(comments.list()).toHaveLength(1)
  })

  it('keeps concurrent replies in one order and a concurrent edit and resolve both', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    const { paragraph } = contentDoc('text')
    const thread = commentsDoc(a).createThread({
      anchor: anchorOn(paragraph, 0, 4),
      quote: 'text',
      author: ada,
      body: 'first',
    })
    sync(a, b)
    commentsDoc(a).reply(thread.id, { author: ada, body: 'from a' })
    commentsDoc(b).reply(thread.id, { author: bob, body: 'from b' })
    commentsDoc(a).edit(thread.id, thread.comments[0]!.id, 'ada', 'first, edited')
    commentsDoc(b).resolve(thread.id, bob)
    sync(a, b)
    const one = commentsDoc(a).get(thread.id)
    const two = commentsDoc(b).get(thread.id)
    expect(one).toEqual(two)
    expect(one?.comments.map((c) => c.body).sort()).toEqual(['first, edited', 'from a', 'from b'])
    expect(one?.resolved).not.toBeNull()
  })

  it('refuses changes to other people’s comments and bad input, changing nothing', () => {
    const { paragraph } = contentDoc('abc')
    const comments = commentsDoc(new Y.Doc())
    const thread = comments.createThread({
      anchor: anchorOn(paragraph, 0, 3),
      quote: 'abc',
      author: ada,
      body: 'mine',
    })
    const before = Y.encodeStateVector(comments.doc)
    expect(errorCode(() => comments.edit(thread.id, thread.comments[0]!.id, 'bob', 'x'))).toBe(
      'forbidden',
    )
    expect(errorCode(() => comments.delete(thread.id, thread.comments[0]!.id, 'bob'))).toBe(
      'forbidden',
    )
    expect(errorCode(() => comments.reply('nope', { author: bob, body: 'x' }))).toBe('not-found')
    expect(errorCode(() => comments.reply(thread.id, { author: bob, body: ' ' }))).toBe(
      'bad-request',
    )
    expect(
      errorCode(() =>
        comments.reply(thread.id, { author: { id: 'bad id', name: 'x' }, body: 'x' }),
      ),
    ).toBe('bad-request')
    expect(Y.encodeStateVector(comments.doc)).toEqual(before)
  })

  it('reads malformed data from another client as absent, not as a crash', () => {
    const doc = new Y.Doc()
    const threads = doc.getMap('threads')
    threads.set('junk', 42)
    const bad = new Y.Map()
    threads.set('half', bad)
    bad.set('comments', 'not an array')
    const comments = commentsDoc(doc)
    expect(comments.get('junk')).toBeNull()
    expect(comments.get('half')?.comments).toEqual([])
    expect(resolveAnchor(comments.get('half')!, new Y.Doc())).toBeNull()
  })
})
