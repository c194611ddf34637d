import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { workspaceDoc } from './workspace.js'
import { richTextDoc } from './richtext.js'
import { schemaVersion } from './migrations.js'
import { TandemError } from './errors.js'
import { errorCode } from './test-support/error-code.js'

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
}

describe('workspace document', () => {
  it('creates, renames, trashes, restores and searches', () => {
    const ws = workspaceDoc(new Y.Doc())
    expect(ws.migrate()).toBe(2)
    const a = ws.create({ kind: 'doc', title: '  Plan  ', createdBy: 'u1' })
    ws.create({ kind: 'board', title: 'Sketch' })
    expect(a.title).toBe('Plan')
    expect(
      ws
        .list()
        .map((e) => e.title)
        .sort(),
    ).toEqual(['Plan', 'Sketch'])
    ws.rename(a.id, 'Roadmap')
    expect(ws.list({ query: 'road' }).map((e) => e.id)).toEqual([a.id])
    ws.trash(a.id)
    expect(ws.list().map((e) => e.title)).toEqual(['Sketch'])
    expect(ws.list({ includeTrashed: true })).toHaveLength(2)
    ws.restore(a.id)
    expect(ws.get(a.id)?.trashed).toBeNull()
  })

  it('keeps a member list that merges across replicas and skips no-op joins', () => {
    const one = new Y.Doc()
    const two = new Y.Doc()
    const first = workspaceDoc(one).join({ id: 'ada', name: 'Ada', color: '#112233' })
    const before = Y.encodeStateVector(one)
    workspaceDoc(one).join({ id: 'ada', name: 'Ada', color: '#112233' })
    expect(Y.encodeStateVector(one)).toEqual(before)
    workspaceDoc(two).join({ id: 'bob', name: 'Bob', color: '#445566' })
    sync(one, two)
    workspaceDoc(two).join({ id: 'ada', name: 'Ada L.', color: '#112233' })
    sync(one, two)
    for (const doc of [one, two]) {
      const members = workspaceDoc(doc).memberList()
      expect(members.map((m) => m.name)).toEqual(['Ada L.', 'Bob'])
      expect(members[0]?.joined).toBe(first.joined)
    }
    expect(() => workspaceDoc(one).join({ id: 'bad id', name: 'x', color: '#000000' })).toThrow(
      TandemError,
    )
  })

  it('keeps a concurrent rename and trash of one item', () => {
    const one = new Y.Doc()
    const two = new Y.Doc()
    const a = workspaceDoc(one).create({ kind: 'doc', title: 'x' })
    sync(one, two)
    workspaceDoc(one).rename(a.id, 'renamed')
    workspaceDoc(two).trash(a.id)
    sync(one, two)
    for (const doc of [one, two]) {
      const entry = workspaceDoc(doc).get(a.id)
      expect(entry?.title).toBe('renamed')
      expect(entry?.trashed).not.toBeNull()
    }
  })

  it('refuses bad input with typed errors and changes nothing', () => {
    const ws = workspaceDoc(new Y.Doc())
    const expectCode = (fn: () => unknown, code: string): void => expect(errorCode(fn)).toBe(code)
    expectCode(() => ws.create({ kind: 'page' as 'doc' }), 'bad-request')
    expectCode(() => ws.create({ kind: 'doc', id: 'bad id' }), 'invalid-document-name')
    expectCode(() => ws.create({ kind: 'doc', title: 'x'.repeat(201) }), 'bad-request')
    expectCode(() => ws.rename('missing', 'x'), 'not-found')
    expect(ws.entries.size).toBe(0)
  })
})

describe('rich text document', () => {
  it('reads title and plain text, migrates once', () => {
    const doc = new Y.Doc()
    const rich = richTextDoc(doc)
    expect(rich.migrate()).toBe(1)
    expect(rich.migrate()).toBe(1)
    expect(schemaVersion(doc)).toBe(1)
    rich.setTitle(' Notes ')
    expect(rich.title).toBe('Notes')
    const p = new Y.XmlElement('paragraph')
    const text = new Y.XmlText()
    p.insert(0, [text])
    rich.content.insert(0, [p])
    text.insert(0, 'hello ')
    text.insert(6, 'world', { bold: true })
    const list = new Y.XmlElement('bulletList')
    const item = new Y.XmlElement('listItem')
    const inner = new Y.XmlElement('paragraph')
    inner.insert(0, [new Y.XmlText('item')])
    item.insert(0, [inner])
    list.insert(0, [item])
    rich.content.insert(1, [list])
    expect(rich.plainText()).toBe('hello world\nitem')
  })
})
