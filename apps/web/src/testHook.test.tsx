import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createClient, type TandemClient } from '@tandem/client'
import { richTextDoc, workspaceDoc } from '@tandem/schema'
import { installTestHook } from './testHook.js'

let client: TandemClient | null = null
afterEach(async () => {
  await client?.destroy()
  client = null
})

describe('window.__tandem', () => {
  it('reads text, title and entries from the Y.Doc, and goes away on cleanup', async () => {
    client = createClient({
      url: 'ws://127.0.0.1:9/collab',
      token: 't',
      persistence: false,
      autoConnect: false,
      watchNetwork: false,
    })
    const remove = installTestHook(client, { id: 'tester', name: 'Tester' })
    const doc = client.open('doc:hooked')
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText('Hello hook')])
    richTextDoc(doc.doc).content.insert(0, [paragraph])
    richTextDoc(doc.doc).setTitle('Hooked')
    const ws = client.open('workspace:main')
    workspaceDoc(ws.doc).create({ kind: 'doc', id: 'hooked', title: 'Hooked' })

    const hook = window.__tandem!
    expect(hook.client).toBe(client)
    expect(await hook.text('doc:hooked')).toBe('Hello hook')
    expect(await hook.title('doc:hooked')).toBe('Hooked')
    expect((await hook.entries('workspace:main')).map((entry) => entry.id)).toEqual(['hooked'])
    await expect(hook.text('no name')).rejects.toThrow(/invalid document name/)

    // Boards: seed, move, read; bad shapes are refused with the model's typed error.
    const [boxId] = await hook.addShapes('board:hooked', [{ type: 'rectangle', w: 10, h: 10 }])
    await hook.updateShapes('board:hooked', { [boxId!]: { x: 5 } })
    expect((await hook.shapes('board:hooked')).map((s) => [s.id, s.x])).toEqual([[boxId, 5]])
    await expect(
      hook.addShapes('board:hooked', [{ type: 'blob' as 'rectangle' }]),
    ).rejects.toMatchObject({ code: 'bad-request' })
    expect(await hook.shapes('board:hooked')).toHaveLength(1)
    expect(hook.paintTimes('board:hooked')).toEqual([])

    remove()
    expect(window.__tandem).toBeUndefined()
    doc.release()
    ws.release()
  })
})
