import { crc32, inflateRawSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signToken, startServer, type TestServer } from './support/helpers.js'
import { boardDoc, workspaceDoc } from '@tandem/schema'

/** Reads a zip's files from their local headers (what the server writes: deflate, sizes known). */
function unzip(archive: Buffer): Map<string, string> {
  const files = new Map<string, string>()
  let at = 0
  while (archive.readUInt32LE(at) === 0x04034b50) {
    const crc = archive.readUInt32LE(at + 14)
    const packed = archive.readUInt32LE(at + 18)
    const nameLength = archive.readUInt16LE(at + 26)
    const extra = archive.readUInt16LE(at + 28)
    const name = archive.subarray(at + 30, at + 30 + nameLength).toString('utf8')
    const start = at + 30 + nameLength + extra
    const data = inflateRawSync(archive.subarray(start, start + packed))
    expect(crc32(data), name).toBe(crc)
    files.set(name, data.toString('utf8'))
    at = start + packed
  }
  expect(archive.readUInt32LE(at)).toBe(0x02014b50)
  return files
}

describe('export and import', () => {
  let srv: TestServer
  let token: string
  const call = (path: string, init: RequestInit & { as?: string } = {}) => {
    const headers = new Headers(init.headers)
    headers.set('authorization', `Bearer ${init.as ?? token}`)
    return fetch(`${srv.url}${path}`, { ...init, headers })
  }
  const importFile = (body: string, query = '', type = 'text/markdown', as?: string) =>
    call(`/api/workspaces/main/import${query}`, {
      method: 'POST',
      body,
      headers: { 'content-type': type },
      as,
    })

  beforeAll(async () => {
    srv = await startServer()
    token = await signToken({ sub: 'me', roles: { '*': 'editor' } })
  })
  afterAll(async () => {
    await srv.stop()
  })

  it('imports Markdown files as new documents listed in the workspace', async () => {
    const res = await importFile('# Notes\n\n- a\n- b\n', '?title=Notes')
    expect(res.status).toBe(201)
    const { name } = (await res.json()) as { name: string }
    expect(await (await call(`/api/docs/${name}?format=markdown`)).text()).toBe(
      '# Notes\n\n- a\n- b\n',
    )
    const list = (await (await call('/api/workspaces/main/docs')).json()) as {
      docs: { name: string; title: string }[]
    }
    expect(list.docs).toContainEqual(expect.objectContaining({ name, title: 'Notes' }))
  })

  it('exports the workspace as a zip of Markdown and JSON', async () => {
    await importFile('Second *file*', '?title=Notes')
    await importFile('untitled text')
    const res = await call('/api/workspaces/main/export')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/zip')
    const files = unzip(Buffer.from(await res.arrayBuffer()))
    const untitled = (await (await importFile('more', '')).json()) as { id: string }
    const again = unzip(
      Buffer.from(await (await call('/api/workspaces/main/export')).arrayBuffer()),
    )
    // Titled documents are named by title (made unique), untitled ones by id.
    expect([...again.keys()]).toEqual(
      expect.arrayContaining([
        'workspace.json',
        'docs/Notes.md',
        'docs/Notes.json',
        'docs/Notes (2).md',
        'docs/Notes (2).json',
        `docs/${untitled.id}.md`,
        `docs/${untitled.id}.json`,
      ]),
    )
    expect(files.size).toBe(7)
    const markdown = [files.get('docs/Notes.md'), files.get('docs/Notes (2).md')].sort()
    expect(markdown).toEqual(['# Notes\n\n- a\n- b\n', 'Second _file_\n'].sort())
    const manifest = JSON.parse(files.get('workspace.json')!) as { items: { title: string }[] }
    expect(manifest.items).toHaveLength(3)
    expect(JSON.parse(files.get('docs/Notes.json')!)).toMatchObject({
      title: 'Notes',
      content: { type: 'doc' },
    })
  })

  it('exports each board as an SVG drawing next to its JSON state', async () => {
    const hocuspocus = srv.server.hocuspocus
    const index = await hocuspocus.openDirectConnection('workspace:art')
    await index.transact((doc) => {
      workspaceDoc(doc).create({ kind: 'board', id: 'b1', title: 'Plan <A>', createdBy: 'me' })
    })
    await index.disconnect()
    const board = await hocuspocus.openDirectConnection('board:b1')
    await board.transact((doc) => {
      const shapes = boardDoc(doc)
      const box = shapes.add({ type: 'rectangle', x: 0, y: 0, w: 100, h: 50, fill: '#ffc9c9' })
      shapes.addMany([
        { type: 'arrow', x: 300, y: 300, w: 10, h: 0, end: { shapeId: box.id, nx: 0.5, ny: 0.5 } },
        { type: 'sticky', x: 200, y: 0, w: 200, h: 200, text: 'a < b & "c"' },
        { type: 'draw', x: 0, y: 100, w: 20, h: 20, points: [0, 0, 0.5, 10, 10, 0.5] },
      ])
    })
    await board.disconnect()
    const res = await call('/api/workspaces/art/export')
    expect(res.status).toBe(200)
    const files = unzip(Buffer.from(await res.arrayBuffer()))
    expect([...files.keys()].sort()).toEqual([
      'boards/Plan -A-.json',
      'boards/Plan -A-.svg',
      'workspace.json',
    ])
    const svg = files.get('boards/Plan -A-.svg')!
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/)
    expect(svg).toContain('<rect x="0" y="0" width="100" height="50" fill="#ffc9c9"')
    // The bound arrow follows the rectangle: it ends on its edge, not at its own stored end.
    const [, x2, y2] = /<line x1="300" y1="300" x2="([\d.]+)" y2="([\d.]+)"/.exec(svg) ?? []
    expect(Number(x2)).toBeGreaterThan(0)
    expect(Number(x2)).toBeLessThan(101)
    expect(Number(y2)).toBeCloseTo(50, 0)
    expect(svg).toContain('<path transform="translate(0 100)" d="M0 0 L10 10"')
    expect(svg).toContain('a &#60; b &#38; &#34;c&#34;')
    expect(svg).not.toContain('a < b')
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true)
  })

  it('leaves out documents the caller may not read, and refuses bad input', async () => {
    const limited = await signToken({
      sub: 'lim',
      roles: { 'workspace:main': 'viewer', 'doc:*': 'viewer' },
    })
    expect((await call('/api/workspaces/main/export', { as: limited })).status).toBe(200)
    expect((await importFile('x', '', 'text/markdown', limited)).status).toBe(403)
    expect((await importFile('x', '', 'application/pdf')).status).toBe(415)
    expect((await importFile('x', `?title=${'t'.repeat(201)}`)).status).toBe(400)
    expect((await call('/api/workspaces/bad.id/export')).status).toBe(400)
    const closed = await startServer({ defaultRole: null })
    try {
      const partial = await signToken({
        sub: 'p',
        roles: { 'workspace:w': 'editor', 'doc:*': 'editor' },
      })
      const created = await fetch(`${closed.url}/api/workspaces/w/import?title=Open`, {
        method: 'POST',
        body: 'open',
        headers: { authorization: `Bearer ${partial}`, 'content-type': 'text/plain' },
      })
      expect(created.status).toBe(201)
      const { name } = (await created.json()) as { name: string }
      const outsider = await signToken({
        sub: 'o',
        roles: { 'workspace:w': 'viewer', [name]: 'viewer' },
      })
      await fetch(`${closed.url}/api/workspaces/w/import?title=Hidden`, {
        method: 'POST',
        body: 'hidden',
        headers: { authorization: `Bearer ${partial}`, 'content-type': 'text/plain' },
      })
      const res = await fetch(`${closed.url}/api/workspaces/w/export`, {
        headers: { authorization: `Bearer ${outsider}` },
      })
      const files = unzip(Buffer.from(await res.arrayBuffer()))
      expect([...files.keys()].sort()).toEqual(['docs/Open.json', 'docs/Open.md', 'workspace.json'])
    } finally {
      await closed.stop()
    }
  })
})
