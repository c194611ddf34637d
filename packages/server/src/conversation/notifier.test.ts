import { Hocuspocus } from '@hocuspocus/server'
import { describe, expect, it } from 'vitest'
import { chatDoc, inboxDoc, mentionToken } from '@tandem/schema'
import { createJsonLogger } from '../logger.js'
import { HeldUnload } from '../../test/support/held-unload.js'
import { Notifier } from './notifier.js'

describe('Notifier', () => {
  it('keeps watching a copy of a room loaded while the previous copy was unloading', async () => {
    const held = new HeldUnload()
    const notifier = new Notifier({ logger: createJsonLogger({ level: 'silent' }) })
    // The held hook runs before the notifier's, as Persistence's compaction does in the server.
    const hocuspocus = new Hocuspocus({ quiet: true, extensions: [held, notifier] })
    const inbox = await hocuspocus.openDirectConnection('inbox:bob')
    const first = await hocuspocus.openDirectConnection('chat:plan')
    const unloading = first.disconnect()
    await held.held
    // The room is gone from the map but its unload hooks still run: a reload makes a new copy.
    const second = await hocuspocus.openDirectConnection('chat:plan')
    held.letGo()
    await unloading
    await second.transact((doc) => {
      chatDoc(doc).send({ author: { id: 'ada', name: 'Ada' }, body: `hi ${mentionToken('bob')}` })
    })
    await notifier.flush()
    expect(
      inboxDoc(inbox.document!)
        .list()
        .map((n) => n.kind),
    ).toEqual(['mention'])
    await second.disconnect()
    await inbox.disconnect()
  })
})
