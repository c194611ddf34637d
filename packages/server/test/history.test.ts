import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { boardDoc, richTextDoc } from '@tandem/schema'
import {
  connect,
  signToken,
  startServer,
  waitFor,
  waitForAcked,
  type TestClient,
  type TestServer,
} from './support/helpers.js'

interface Version {
  id: string
  kind: string
  name: string | null
  authors: { id: string; name: string }[]
}

function fragment(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment('content')
}

function addParagraph(doc: Y.Doc, text: string): void {
  doc.transact(() => {
    const p = new Y.XmlElement('paragraph')
    fragment(doc).insert(fragment(doc).length, [p])
    p.insert(0, [new Y.XmlText(text)])
  })
}

function textOf(doc: Y.Doc, block: number): Y.XmlText {
  return (fragment(doc).get(block) as Y.XmlElement).get(0) as Y.XmlText
}

describe('version history', () => {
  let srv: TestServer | undefined
  const clients: TestClient[] = []
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy()
    await srv?.stop()
    srv = undefined
  })
  const tokens = async (): Promise<{ alice: string; bob: string; viewer: string }> => ({
    alice: await signToken({ sub: 'alice', name: 'Alice', roles: { '*': 'editor' } }),
    bob: await signToken({ sub: 'bob', name: 'Bob', roles: { '*': 'editor' } }),
    viewer: await signToken({ sub: 'vic', name: 'Vic', roles: { '*': 'viewer' } }),
  })
  const open = async (name: string, token: string): Promise<TestClient> => {
    const client = connect(srv!.wsUrl, name, token)
    clients.push(client)
    await waitFor(() => client.provider.isSynced, `${name} sync`)
    return client
  }
  const call = async (
    path: string,
    token: string,
    init: RequestInit = {},
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies of many shapes
  ): Promise<{ status: number; body: any }> => {
    const headers = new Headers(init.headers)
    headers.set('authorization', `Bearer ${token}`)
    const res = await fetch(`${srv!.url}${path}`, { ...init, headers })
    const text = await res.text()
    let body: unknown = text
    try {
      body = JSON.parse(text)
    } catch {
      // A Markdown or text answer.
    }
    return { status: res.status, body }
  }
  const named = (doc: string, token: string, name: string) =>
    call(`/api/docs/${doc}/versions`, token, {
      method: 'POST',
      body: JSON.stringify({ name }),
      headers: { 'content-type': 'application/json' },
    })
  const versions = async (doc: string, token: string): Promise<Version[]> =>
    (await call(`/api/docs/${doc}/versions`, token)).body.versions as Version[]

  it('cuts an automatic version after a pause, listing every author of the group', async () => {
    srv = await startServer({ api: { versionPauseMs: 150 } })
    const { alice, bob } = await tokens()
    const a = await open('doc:auto', alice)
    const b = await open('doc:auto', bob)
    addParagraph(a.doc, 'from alice')
    await waitFor(() => fragment(b.doc).length === 1, 'bob sees it')
    addParagraph(b.doc, 'from bob')
    await waitForAcked(b)
    let list: Version[] = []
    const deadline = Date.now() + 5000
    while (list.length === 0 && Date.now() < deadline) {
      list = await versions('doc:auto', alice)
      if (list.length === 0) await new Promise((r) => setTimeout(r, 50))
    }
    expect(list).toHaveLength(1)
    expect(list[0]).toMatchObject({ kind: 'auto', name: null })
    expect(list[0]?.authors.map((x) => x.id).sort()).toEqual(['alice', 'bob'])
  })

  it('names authors in the diff, restores as a change both clients receive, and keeps history', async () => {
    srv = await startServer({ api: { versionPauseMs: 60_000 } })
    const { alice, bob } = await tokens()
    const a = await open('doc:d', alice)
    const b = await open('doc:d', bob)
    addParagraph(a.doc, 'Hello world')
    await waitForAcked(a)
    const v1 = await named('doc:d', alice, 'Draft 1')
    expect(v1.status).toBe(201)
    expect(v1.body.version).toMatchObject({ kind: 'named', name: 'Draft 1' })
    await waitFor(() => fragment(b.doc).length === 1, 'bob has the paragraph')
    // Bob replaces "world" with "there".
    b.doc.transact(() => {
      textOf(b.doc, 0).delete(6, 5)
      textOf(b.doc, 0).insert(6, 'there')
    })
    await waitForAcked(b)

    const diff = await call(`/api/docs/doc:d/versions/${v1.body.version.id}/diff`, alice)
    expect(diff.status).toBe(200)
    expect(diff.body.blocks).toEqual([
      {
        type: 'paragraph',
        change: 'changed',
        spans: [
          { text: 'Hello ', change: 'same', author: null },
          { text: 'world', change: 'removed', author: { id: 'bob', name: 'Bob' } },
          { text: 'there', change: 'added', author: { id: 'bob', name: 'Bob' } },
        ],
      },
    ])
    expect(diff.body.authors).toEqual([
      { author: { id: 'bob', name: 'Bob' }, added: 5, removed: 5 },
    ])
    const old = await call(`/api/docs/doc:d/versions/${v1.body.version.id}?format=text`, alice)
    expect(old.body).toBe('Hello world')

    const restored = await call(`/api/docs/doc:d/versions/${v1.body.version.id}/restore`, bob, {
      method: 'POST',
    })
    expect(restored.status).toBe(200)
    expect(restored.body.version).toMatchObject({ kind: 'restore', name: 'Restored Draft 1' })
    await waitFor(
      () =>
        richTextDoc(a.doc).plainText() === 'Hello world' &&
        richTextDoc(b.doc).plainText() === 'Hello world',
      'both clients receive the restore',
    )
    // Restore added to history: Draft 1, Bob's edit (cut before the restore), the restore.
    const list = await versions('doc:d', alice)
    expect(list.map((v) => v.kind)).toEqual(['restore', 'auto', 'named'])
    expect(list[1]?.authors).toEqual([{ id: 'bob', name: 'Bob' }])
    const before = await call(`/api/docs/doc:d/versions/${list[1]!.id}?format=text`, alice)
    expect(before.body).toBe('Hello there')
    // The clients converge after the restore and keep editing.
    addParagraph(a.doc, 'after')
    await waitFor(() => richTextDoc(b.doc).plainText() === 'Hello world\nafter', 'converged')
    expect(Y.encodeStateVector(a.doc)).toEqual(Y.encodeStateVector(b.doc))
  })

  it('diffs a board shape by shape with authors, and restores it on both clients', async () => {
    srv = await startServer({ api: { versionPauseMs: 60_000 } })
    const { alice, bob } = await tokens()
    const a = await open('board:b', alice)
    const b = await open('board:b', bob)
    const [rect, oval] = boardDoc(a.doc).addMany([
      { type: 'rectangle', x: 0, y: 0, w: 100, h: 50 },
      { type: 'ellipse', x: 200, y: 0, w: 80, h: 40, text: 'keep me' },
    ])
    await waitForAcked(a)
    const v1 = (await named('board:b', alice, 'Layout')).body.version as Version
    await waitFor(() => boardDoc(b.doc).list().length === 2, 'bob has the shapes')
    // Bob moves the rectangle, deletes the ellipse and adds a diamond.
    boardDoc(b.doc).update({ [rect!.id]: { x: 40 } })
    boardDoc(b.doc).delete([oval!.id])
    const [diamond] = boardDoc(b.doc).addMany([{ type: 'diamond', x: 0, y: 200, w: 30, h: 30 }])
    await waitForAcked(b)

    const diff = await call(`/api/docs/board:b/versions/${v1.id}/diff`, alice)
    expect(diff.status).toBe(200)
    const by = { id: 'bob', name: 'Bob' }
    expect(diff.body.blocks).toEqual([])
    expect(diff.body.board.changes).toEqual(
      expect.arrayContaining([
        { id: oval!.id, type: 'ellipse', change: 'removed', author: by },
        { id: rect!.id, type: 'rectangle', change: 'changed', author: by },
        { id: diamond!.id, type: 'diamond', change: 'added', author: by },
      ]),
    )
    expect(diff.body.board.changes).toHaveLength(3)
    expect(diff.body.authors).toEqual([{ author: by, added: 1, removed: 1, changed: 1 }])
    expect(diff.body.board.shapes.map((s: { id: string }) => s.id)).toEqual([rect!.id, oval!.id])
    const old = await call(`/api/docs/board:b/versions/${v1.id}`, alice)
    expect(old.body.shapes[0]).toMatchObject({ id: rect!.id, x: 0 })
    expect((await call(`/api/docs/board:b/versions/${v1.id}?format=text`, alice)).status).toBe(400)

    const restored = await call(`/api/docs/board:b/versions/${v1.id}/restore`, bob, {
      method: 'POST',
    })
    expect(restored.status).toBe(200)
    expect(restored.body.version).toMatchObject({ kind: 'restore', name: 'Restored Layout' })
    const shapesOf = (c: TestClient) => JSON.stringify(boardDoc(c.doc).list())
    const want = JSON.stringify(diff.body.board.shapes)
    await waitFor(
      () => shapesOf(a) === want && shapesOf(b) === want,
      'both clients receive the restored board',
    )
    expect(boardDoc(b.doc).get(oval!.id)?.text).toBe('keep me')
  })

  it('keeps versions and authors across compaction and restarts', async () => {
    const compaction = { maxLogEntries: 2, idleMs: 20 }
    srv = await startServer({ compaction, api: { versionPauseMs: 60_000 } })
    const { alice, bob } = await tokens()
    const a = await open('doc:keep', alice)
    addParagraph(a.doc, 'one')
    await waitForAcked(a)
    const v1 = (await named('doc:keep', alice, 'v1')).body.version as Version
    for (const word of ['two', 'three', 'four']) addParagraph(a.doc, word)
    await waitForAcked(a)
    a.destroy()
    // Unloading cuts the pending automatic version.
    // The log was folded into a snapshot (versions do not depend on the log rows).
    const deadline = Date.now() + 10_000
    while ((await srv.server.store.load('doc:keep')).snapshot === null) {
      if (Date.now() > deadline) throw new Error('timed out waiting for a compaction')
      await new Promise((r) => setTimeout(r, 20))
    }
    await waitFor(() => srv!.server.hocuspocus.documents.size === 0, 'unload')
    const dataDir = srv.dataDir
    await srv.stop({ keepData: true })
    srv = await startServer({ dataDir, compaction })

    const list = await versions('doc:keep', bob)
    expect(list.map((v) => v.kind)).toEqual(['auto', 'named'])
    expect((await call(`/api/docs/doc:keep/versions/${v1.id}?format=markdown`, bob)).body).toBe(
      'one\n',
    )
    const diff = await call(`/api/docs/doc:keep/versions/${v1.id}/diff`, bob)
    expect(diff.body.authors).toEqual([
      { author: { id: 'alice', name: 'Alice' }, added: 12, removed: 0 },
    ])
  })

  it('enforces roles and refuses bad input', async () => {
    srv = await startServer()
    const { alice, viewer } = await tokens()
    await call('/api/docs/doc:r', alice, {
      method: 'PUT',
      body: 'text',
      headers: { 'content-type': 'text/plain' },
    })
    const v = (await named('doc:r', alice, 'v')).body.version as Version
    expect((await call('/api/docs/doc:r/versions', viewer)).status).toBe(200)
    expect((await named('doc:r', viewer, 'nope')).status).toBe(403)
    const restore = await call(`/api/docs/doc:r/versions/${v.id}/restore`, viewer, {
      method: 'POST',
    })
    expect(restore.status).toBe(403)
    expect(restore.body.error.code).toBe('read-only')
    const bad = async (path: string, init: RequestInit, status: number, code: string) => {
      const res = await call(path, alice, init)
      expect(res.status, path).toBe(status)
      expect(res.body.error.code, path).toBe(code)
    }
    const json = (body: string): RequestInit => ({
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
    })
    await bad('/api/docs/doc:r/versions', json('{"name":'), 400, 'bad-request')
    await bad('/api/docs/doc:r/versions', json('{"name":""}'), 400, 'bad-request')
    await bad(
      '/api/docs/doc:r/versions',
      json(JSON.stringify({ name: 'x'.repeat(101) })),
      400,
      'bad-request',
    )
    await bad('/api/docs/doc:r/versions', { method: 'POST', body: 'x' }, 415, 'bad-request')
    await bad('/api/docs/doc:never/versions', json('{"name":"x"}'), 404, 'not-found')
    await bad('/api/docs/doc:r/versions/nope', {}, 404, 'not-found')
    await bad('/api/docs/doc:r/versions/nope/diff', {}, 404, 'not-found')
    await bad('/api/docs/doc:r/versions/nope/restore', { method: 'POST' }, 404, 'not-found')
    await bad(`/api/docs/doc:r/versions/${v.id}?format=pdf`, {}, 400, 'bad-request')
    await bad(`/api/docs/board:r/versions/${v.id}/restore`, { method: 'POST' }, 404, 'not-found')
    await bad(`/api/docs/comments:r/versions/x/restore`, { method: 'POST' }, 400, 'bad-request')
    // The PUT's unload cut an automatic version; nothing refused added one.
    expect((await versions('doc:r', alice)).map((x) => x.kind)).toEqual(['named', 'auto'])
  })
})
