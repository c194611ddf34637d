import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { TandemError } from './errors.js'
import { errorCode } from './test-support/error-code.js'
import { inboxDoc, notificationId } from './inbox.js'

const ada = { id: 'ada', name: 'Ada' }

describe('inbox document', () => {
  it('adds each event once, counts unread, marks read and all read', () => {
    const inbox = inboxDoc(new Y.Doc())
    expect(inbox.migrate()).toBe(1)
    const mention = {
      kind: 'mention' as const,
      actor: ada,
      target: { doc: 'comments:plan', threadId: 't1', commentId: 'c1' },
      excerpt: 'look <@bob>',
    }
    expect(inbox.add(mention)).toBe(true)
    expect(inbox.add(mention)).toBe(false)
    expect(inbox.add({ ...mention, kind: 'reply' })).toBe(true)
    expect(inbox.list()).toHaveLength(2)
    expect(inbox.unreadCount()).toBe(2)
    inbox.markRead(notificationId('mention', mention.target))
    expect(inbox.unreadCount()).toBe(1)
    inbox.markAllRead()
    expect(inbox.unreadCount()).toBe(0)
    expect(inbox.list().every((n) => n.read !== null)).toBe(true)
  })

  it('two writers of the same event (server retry, other instance) leave one notification', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    const event = {
      kind: 'share' as const,
      actor: ada,
      target: { doc: 'doc:plan' },
      excerpt: 'Plan',
    }
    inboxDoc(a).add(event)
    inboxDoc(b).add(event)
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    expect(inboxDoc(a).list()).toHaveLength(1)
    expect(inboxDoc(a).list()).toEqual(inboxDoc(b).list())
  })

  it('refuses bad input with typed errors', () => {
    const inbox = inboxDoc(new Y.Doc())
    const bad = (input: unknown, code: string): void =>
      expect(errorCode(() => inbox.add(input as Parameters<typeof inbox.add>[0]))).toBe(code)
    bad({ kind: 'spam', actor: ada, target: { doc: 'doc:x' }, excerpt: '' }, 'bad-request')
    bad(
      { kind: 'mention', actor: ada, target: { doc: 'nope' }, excerpt: '' },
      'invalid-document-name',
    )
    bad({ kind: 'mention', actor: {}, target: { doc: 'doc:x' }, excerpt: '' }, 'bad-request')
    expect(() => inbox.markRead('missing')).toThrow(TandemError)
    expect(inbox.list()).toEqual([])
  })
})
