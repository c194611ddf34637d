import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { Awareness } from 'y-protocols/awareness'
import { boardDoc } from '@tandem/schema'
import { exportSvg } from './export.js'
import { readBoardPeers } from './presence.js'
import { Scene } from './scene.js'

describe('board export, scene and presence', () => {
  it('exports every kind of shape as SVG, escaping text', () => {
    const board = boardDoc(new Y.Doc())
    const box = board.add({ type: 'rectangle', x: 0, y: 0, w: 100, h: 50, fill: '#ffc9c9' })
    board.addMany([
      { type: 'ellipse', x: 200, y: 0, w: 80, h: 40, rotation: Math.PI / 4 },
      { type: 'diamond', x: 300, y: 0, w: 80, h: 40 },
      { type: 'arrow', x: 0, y: 200, w: 50, h: 0, end: { shapeId: box.id, nx: 0.5, ny: 0.5 } },
      { type: 'line', x: 0, y: 300, w: 50, h: 50 },
      { type: 'draw', x: 0, y: 400, w: 20, h: 20, points: [0, 0, 0.5, 10, 10, 0.5, 20, 20, 0.5] },
      { type: 'sticky', x: 500, y: 0, w: 200, h: 200, text: 'a < b & "c"' },
      { type: 'text', x: 500, y: 300, w: 50, h: 30, text: 'Hello\nworld' },
    ])
    const svg = exportSvg(board.list(), (id) => board.get(id))
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/)
    expect(svg).toContain('fill="#ffc9c9"')
    expect(svg).toContain('<g transform="rotate(45 240 20)"><ellipse')
    for (const tag of ['<ellipse', '<polygon', '<line', '<polyline', '<path', '<text'])
      expect(svg).toContain(tag)
    expect(svg).toContain('a &#60; b &#38; &#34;c&#34;')
    expect(svg).toContain('>world</tspan>')
    expect(exportSvg([], () => null)).toContain('<svg')
  })

  it('keeps its cache and order in step with the document, local and remote', () => {
    const one = new Y.Doc()
    const two = new Y.Doc()
    const scene = new Scene(boardDoc(one))
    let changes = 0
    scene.subscribe(() => changes++)
    const a = boardDoc(two).add({ type: 'rectangle', x: 0, y: 0, w: 10, h: 10 })
    const b = boardDoc(two).add({ type: 'ellipse', x: 500, y: 500, w: 10, h: 10 })
    Y.applyUpdate(one, Y.encodeStateAsUpdate(two))
    expect(scene.shapes().map((s) => s.id)).toEqual([a.id, b.id])
    boardDoc(one).update({ [a.id]: { x: 5 } })
    expect(scene.get(a.id)?.x).toBe(5)
    boardDoc(one).sendToBack([b.id])
    expect(scene.shapes().map((s) => s.id)).toEqual([b.id, a.id])
    expect(scene.visible({ x: 0, y: 0, w: 100, h: 100 }).map((s) => s.id)).toEqual([a.id])
    boardDoc(one).delete([a.id])
    expect(scene.size).toBe(1)
    expect(changes).toBe(4)
    scene.destroy()
  })

  it('reads others’ pointers and selections, ignoring malformed states', () => {
    const mine = new Awareness(new Y.Doc())
    const states = mine.getStates()
    states.set(101, {
      user: { name: 'Grace', color: '#123456' },
      pointer: { x: 1, y: 2 },
      selection: ['a', 5],
      viewport: { x: 0, y: 0, w: 800, h: 600 },
    })
    states.set(102, {
      user: { name: 'Bad' },
      pointer: { x: 'no' },
      selection: 'x',
      viewport: { w: -1 },
    })
    states.set(103, { pointer: { x: 1, y: 1 } })
    states.set(104, { user: { name: 7 } })
    expect(readBoardPeers(mine)).toEqual([
      {
        clientId: 101,
        name: 'Grace',
        color: '#123456',
        pointer: { x: 1, y: 2 },
        selection: ['a'],
        viewport: { x: 0, y: 0, w: 800, h: 600 },
      },
      {
        clientId: 102,
        name: 'Bad',
        color: '#888888',
        pointer: null,
        selection: [],
        viewport: null,
      },
    ])
  })
})
