import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { boardDoc } from './board.js'
import { boardToSvg, escapeXml } from './board-svg.js'

describe('boardToSvg', () => {
  it('draws every shape without a DOM, escaping text and colours', () => {
    const board = boardDoc(new Y.Doc())
    board.addMany([
      { type: 'ellipse', x: 0, y: 0, w: 80, h: 40, stroke: '"/><script>' },
      { type: 'diamond', x: 100, y: 0, w: 80, h: 40 },
      { type: 'line', x: 0, y: 100, w: 50, h: 50 },
      { type: 'sticky', x: 0, y: 200, w: 120, h: 200, text: 'one two three four five six' },
      { type: 'text', x: 300, y: 0, w: 50, h: 30, text: '<b>bold</b>' },
    ])
    const svg = boardToSvg(board.list(), (id) => board.get(id))
    expect(svg).not.toContain('<script>')
    expect(svg).toContain(`stroke="${escapeXml('"/><script>')}"`)
    expect(svg).toContain('&#60;b&#62;bold&#60;/b&#62;')
    for (const tag of ['<ellipse', '<polygon', '<line', '<text']) expect(svg).toContain(tag)
    // The sticky's text wraps to its width (about 8 glyphs of 20 px in 88 px).
    expect(svg.match(/<tspan/g)?.length).toBeGreaterThan(2)
    // Custom hooks: the whiteboard's outlines and measured wrapping.
    const custom = boardToSvg(board.list(), (id) => board.get(id), {
      wrapText: (text) => [text],
    })
    expect(custom).toContain('>one two three four five six</tspan>')
    expect(boardToSvg([], () => null)).toContain('viewBox="0 0 1 1"')
  })
})
