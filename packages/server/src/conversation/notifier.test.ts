import { Hocuspocus, type Extension } from '@hocuspocus/server'
import { describe, expect, it } from 'vitest'
import { chatDoc, inboxDoc, mentionToken } from '@tandem/schema'
import { createJsonLogger } from '../logger.js'
import { Notifier } from './notifier.js'

/** Holds the first unload in its afterUnloadDocument hook until released (a slow compaction). */
class HeldUnload implements Extension {
  extensionName = 'HeldUnload'
  private release: (() => void) | undefined
  private onHeld: (() => void) | undefined
  readonly held = new Promise<void>((resolve) => (this.onHeld = resolve))
  async afterUnloadDocument(): Promise<void> {
    if (!this.onHeld) return
    this.onHeld()
    this.onHeld = undefined
    await new Promise<void>((resolve) => (this.release = resolve))
  }
  letGo(): void {
    this.release?.()
  }
}

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
