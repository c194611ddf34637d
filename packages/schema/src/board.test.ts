import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { boardDoc, createBoardUndoManager } from './board.js'
import { schemaVersion } from './migrations.js'
import { ORIGIN } from './origins.js'
import { TandemError } from './errors.js'

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), ORIGIN.remote)
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)), ORIGIN.remote)
}

function pair(): [Y.Doc, Y.Doc] {
  const one = new Y.Doc()
  const two = new Y.Doc()
  boardDoc(one).migrate()
  sync(one, two)
  return [one, two]
}

describe('board document', () => {
  it('adds, reads, updates, restacks and deletes shapes', () => {
    const board = boardDoc(new Y.Doc())
    expect(board.migrate()).toBe(1)
    expect(schemaVersion(board.doc)).toBe(1)
    const a = board.add({ type: 'rectangle', x: 10, y: 20, w: 100, h: 50, fill: '#ffec99' })
    const b = board.add({ type: 'ellipse', x: 0, y: 0, w: 30, h: 30 })
    expect(board.list().map((s) => s.id)).toEqual([a.id, b.id])
    expect(a).toMatchObject({ type: 'rectangle', x: 10, y: 20, fill: '#ffec99', strokeWidth: 2 })
    board.update({ [a.id]: { x: 50 } })
    expect(board.get(a.id)?.x).toBe(50)
    board.bringToFront([a.id])
    expect(board.list().map((s) => s.id)).toEqual([b.id, a.id])
    board.sendToBack([a.id])
    expect(board.list().map((s) => s.id)).toEqual([a.id, b.id])
    const [copy] = board.duplicate([a.id])
    expect(board.get(copy as string)).toMatchObject({ x: 66, y: 36, type: 'rectangle' })
    expect(board.list().at(-1)?.id).toBe(copy)
    board.delete([a.id, 'missing'])
    expect(board.get(a.id)).toBeNull()
    expect(board.list()).toHaveLength(2)
  })

  it('refuses bad input with a typed error and writes nothing', () => {
    const board = boardDoc(new Y.Doc())
    const a = board.add({ type: 'rectangle' })
    const before = JSON.stringify(board.doc.getMap('shapes').toJSON())
    const attempts: (() => unknown)[] = [
      () => board.add({ type: 'hexagon' as 'rectangle' }),
      () => board.add({ type: 'rectangle', x: Number.NaN }),
      () => board.add({ type: 'rectangle', x: 1e12 }),
      () => board.add({ type: 'text', text: 'x'.repeat(10_001) }),
      () => board.add({ type: 'draw', points: [1, 2, 'x' as unknown as number] }),
      () => board.add({ type: 'arrow', start: { shapeId: 3 } as never }),
      () => board.add({ type: 'rectangle', id: 'bad id!' }),
      () => board.add({ type: 'rectangle', id: a.id }),
      () => board.update({ [a.id]: { strokeWidth: -1 } }),
      () => board.update({ [a.id]: { rotation: Number.POSITIVE_INFINITY } }),
      () => board.update({ [a.id]: { stroke: '' } }),
      () => board.update({ [a.id]: { nope: 1 } as never }),
    ]
    for (const attempt of attempts) {
      expect(attempt).toThrow(TandemError)
      try {
        attempt()
      } catch (error) {
        expect((error as TandemError).code).toBe('bad-request')
      }
    }
    expect(JSON.stringify(board.doc.getMap('shapes').toJSON())).toBe(before)
  })

  it('reads shapes written by a broken client with defaults, skipping unknown types', () => {
    const doc = new Y.Doc()
    const shapes = doc.getMap('shapes')
    const odd = new Y.Map<unknown>()
    const unknown = new Y.Map<unknown>()
    doc.transact(() => {
      shapes.set('odd', odd)
      odd.set('type', 'rectangle')
      odd.set('x', 'far')
      odd.set('z', '!!')
      odd.set('points', [1, null])
      shapes.set('unknown', unknown)
      unknown.set('type', 'blob')
      shapes.set('plain', 5 as never)
    })
    const board = boardDoc(doc)
    expect(board.list()).toEqual([
      expect.objectContaining({ id: 'odd', x: 0, z: 'a0', points: [] }),
    ])
    expect(board.add({ type: 'ellipse' }).z > 'a0').toBe(true)
  })

  it('two people moving one shape at once converge on one position', () => {
    const [one, two] = pair()
    const a = boardDoc(one).add({ type: 'rectangle', x: 0, y: 0, w: 10, h: 10 })
    sync(one, two)
    boardDoc(one).update({ [a.id]: { x: 100, y: 100 } })
    boardDoc(two).update({ [a.id]: { x: -50 } })
    boardDoc(two).update({ [a.id]: { fill: '#b2f2bb' } })
    sync(one, two)
    const left = boardDoc(one).get(a.id)
    expect(left).toEqual(boardDoc(two).get(a.id))
    expect([100, -50]).toContain(left?.x)
    // Different fields of one shape both survive: the colour change is not lost to the move.
    expect(left?.fill).toBe('#b2f2bb')
    expect(left?.y).toBe(100)
  })

  it('a shape deleted while another person moves it stays deleted for both', () => {
    const [one, two] = pair()
    const a = boardDoc(one).add({ type: 'rectangle', x: 0, y: 0, w: 10, h: 10 })
    sync(one, two)
    for (let step = 1; step <= 5; step++) boardDoc(two).update({ [a.id]: { x: step * 10 } })
    boardDoc(one).delete([a.id])
    sync(one, two)
    expect(boardDoc(one).get(a.id)).toBeNull()
    expect(boardDoc(two).get(a.id)).toBeNull()
    // A later move of the vanished shape is a no-op, not a resurrection.
    boardDoc(two).update({ [a.id]: { x: 1 } })
    expect(boardDoc(two).list()).toEqual([])
  })

  it('concurrent z-order changes merge into one order for everyone', () => {
    const [one, two] = pair()
    const [a, b, c] = boardDoc(one).addMany([
      { type: 'rectangle' },
      { type: 'ellipse' },
      { type: 'diamond' },
    ])
    sync(one, two)
    boardDoc(one).bringToFront([a!.id])
    boardDoc(two).bringToFront([b!.id])
    const added = boardDoc(two).add({ type: 'text', text: 'hi' })
    boardDoc(one).sendToBack([c!.id])
    sync(one, two)
    const order = boardDoc(one)
      .list()
      .map((s) => s.id)
    expect(order).toEqual(
      boardDoc(two)
        .list()
        .map((s) => s.id),
    )
    expect(order[0]).toBe(c!.id)
    expect(new Set(order)).toEqual(new Set([a!.id, b!.id, c!.id, added.id]))
  })

  it('arrows follow the shapes they bind to, and keep their end when the target is deleted', () => {
    const [one, two] = pair()
    const board = boardDoc(one)
    const box = board.add({ type: 'rectangle', x: 100, y: 100, w: 100, h: 50 })
    const arrow = board.add({
      type: 'arrow',
      x: 0,
      y: 0,
      w: 150,
      h: 125,
      end: { shapeId: box.id, nx: 0.5, ny: 0.5 },
    })
    // The end stops where the line towards the box's centre enters the box.
    const first = board.connectorEnds(arrow)
    expect(first.x2).toBeCloseTo(120, 3)
    expect(first.y2).toBeCloseTo(100, 3)
    board.update({ [box.id]: { x: 300 } })
    const moved = board.connectorEnds(board.get(arrow.id)!)
    expect(moved.x2).toBeCloseTo(300, 3)
    expect(moved.y2).toBeCloseTo((125 * 300) / 350, 3)
    sync(one, two)

    // Local delete: the arrow's end stays where it was drawn, the binding is dropped.
    board.delete([box.id])
    const kept = board.get(arrow.id)!
    expect(kept.end).toBeNull()
    expect(board.connectorEnds(kept)).toEqual(moved)

    // Concurrent: two moves the box while one deletes it; two binds a new arrow to it.
    const other = boardDoc(two)
    other.update({ [box.id]: { x: 500 } })
    const late = other.add({
      type: 'arrow',
      start: { shapeId: box.id, nx: 1, ny: 0 },
      w: 10,
      h: 10,
    })
    sync(one, two)
    for (const doc of [one, two]) {
      const b = boardDoc(doc)
      expect(b.get(box.id)).toBeNull()
      const lateShape = b.get(late.id)!
      // A dangling binding resolves to the stored point, the same on every replica.
      expect(b.connectorEnds(lateShape)).toEqual({ x1: 0, y1: 0, x2: 10, y2: 10 })
      expect(b.connectorEnds(b.get(arrow.id)!)).toEqual(moved)
    }
  })

  it('a bound end stops at the outline of an ellipse or diamond, not its box', () => {
    const board = boardDoc(new Y.Doc())
    const ellipse = board.add({ type: 'ellipse', x: 100, y: 0, w: 100, h: 100 })
    const diamond = board.add({ type: 'diamond', x: 100, y: 200, w: 100, h: 100 })
    const toEllipse = board.add({
      type: 'arrow',
      x: 0,
      y: 0,
      w: 1,
      h: 1,
      end: { shapeId: ellipse.id, nx: 0.5, ny: 0.5 },
    })
    const diagonal = board.add({
      type: 'arrow',
      x: 0,
      y: 100,
      w: 1,
      h: 1,
      end: { shapeId: diamond.id, nx: 0.5, ny: 0.5 },
    })
    // From (0, 0) towards the centre (150, 50): the circle's border, not the box's corner.
    const e = board.connectorEnds(toEllipse)
    expect(Math.hypot(e.x2 - 150, e.y2 - 50)).toBeCloseTo(50, 2)
    const d = board.connectorEnds(diagonal)
    expect(Math.abs(d.x2 - 150) / 50 + Math.abs(d.y2 - 250) / 50).toBeCloseTo(1, 3)
  })

  it('bound ends follow a rotated shape', () => {
    const board = boardDoc(new Y.Doc())
    const bar = board.add({ type: 'rectangle', x: 0, y: 0, w: 200, h: 20, rotation: Math.PI / 2 })
    // The right-middle anchor of a bar turned 90° clockwise about (100, 10) is at (100, 110).
    const arrow = board.add({
      type: 'arrow',
      x: 100,
      y: 300,
      w: 1,
      h: 1,
      end: { shapeId: bar.id, nx: 1, ny: 0.5 },
    })
    const e = board.connectorEnds(arrow)
    expect(e.x2).toBeCloseTo(100, 3)
    expect(e.y2).toBeCloseTo(110, 3)
  })

  it('undo takes back only this user’s changes', () => {
    const [one, two] = pair()
    const mine = boardDoc(one)
    const undo = createBoardUndoManager(mine, { captureTimeout: 0 })
    const a = mine.add({ type: 'rectangle' })
    sync(one, two)
    const theirs = boardDoc(two).add({ type: 'ellipse' })
    boardDoc(two).update({ [a.id]: { fill: '#ffc9c9' } })
    sync(one, two)
    mine.update({ [a.id]: { x: 40 } })
    undo.undo()
    expect(mine.get(a.id)).toMatchObject({ x: 0, fill: '#ffc9c9' })
    undo.undo()
    expect(mine.get(a.id)).toBeNull()
    expect(mine.get(theirs.id)).not.toBeNull()
    undo.redo()
    expect(mine.get(a.id)).not.toBeNull()
  })

  it('reports which shapes a transaction changed', () => {
    const board = boardDoc(new Y.Doc())
    const seen: string[][] = []
    const off = board.observe((ids) => seen.push([...ids].sort()))
    const a = board.add({ type: 'rectangle' })
    board.update({ [a.id]: { x: 5 } })
    board.delete([a.id])
    off()
    board.add({ type: 'ellipse' })
    expect(seen).toEqual([[a.id], [a.id], [a.id]])
  })
})
