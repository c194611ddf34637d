import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { chatDoc, commentsDoc, mentionToken } from '@tandem/schema'
import { MAX_MENTIONS, messageEvents, threadEvents } from './inbox-events.js'

const person = (id: string) => ({ id, name: id.toUpperCase() })

function anchor() {
  const text = new Y.Doc().getText('t')
  text.insert(0, 'abc')
  return {
    start: Y.createRelativePositionFromTypeIndex(text, 0),
    end: Y.createRelativePositionFromTypeIndex(text, 3, -1),
  }
}

describe('inbox events', () => {
  it('mentions notify the named, replies the earlier participants, nobody themselves', () => {
    const comments = commentsDoc(new Y.Doc())
    const thread = comments.createThread({
      anchor: anchor(),
      quote: 'abc',
      author: person('ada'),
      body: `hi ${mentionToken('bob')} ${mentionToken('ada')}`,
    })
    comments.reply(thread.id, { author: person('bob'), body: 'ok' })
    const last = comments.reply(thread.id, {
      author: person('cy'),
      body: `me too ${mentionToken('bob')}`,
    })
    const all = threadEvents('comments:x', comments.get(thread.id)!, 'all')
    expect(all.map((e) => [e.kind, e.recipient, e.actor.id])).toEqual([
      ['mention', 'bob', 'ada'],
      ['reply', 'ada', 'bob'],
      ['mention', 'bob', 'cy'],
      ['reply', 'ada', 'cy'], // bob is mentioned in cy's reply: one notification, the mention
    ])
    const onlyLast = threadEvents('comments:x', comments.get(thread.id)!, new Set([last.id]))
    expect(onlyLast.map((e) => e.recipient)).toEqual(['bob', 'ada'])
  })

  it('notifies nobody for deleted messages and caps mentions per message', () => {
    const chat = chatDoc(new Y.Doc())
    const many = Array.from({ length: 30 }, (_, i) => mentionToken(`u${i}`)).join(' ')
    const message = chat.send({ author: person('ada'), body: many })
    expect(messageEvents('chat:x', message)).toHaveLength(MAX_MENTIONS)
    chat.delete(message.id, 'ada')
    expect(messageEvents('chat:x', chat.get(message.id)!)).toEqual([])
  })
})
