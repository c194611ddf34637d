import { describe, expect, it } from 'vitest'
import * as prng from 'lib0/prng'
import * as Y from 'yjs'
import { boardDoc, type BoardDoc } from './board.js'
import { connectorEnds } from './board-geometry.js'
import { ORIGIN } from './origins.js'
import { SHAPE_TYPES } from './board-shape.js'

const SEEDS = Number(process.env.TANDEM_FUZZ_SEEDS ?? 20)
const PEERS = 4
const STEPS = 200

function exchange(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), ORIGIN.remote)
}

/** One random edit by `board`, like a person would make: add, move, restyle, restack, delete. */
function randomEdit(gen: prng.PRNG, board: BoardDoc): void {
  const shapes = board.list()
  const pick = () => prng.oneOf(gen, shapes).id
  const op = shapes.length === 0 ? 0 : prng.int32(gen, 0, 7)
  switch (op) {
    case 0:
    case 1: {
      const type = prng.oneOf(gen, [...SHAPE_TYPES])
      const target = shapes.length > 0 && prng.bool(gen) ? pick() : null
      board.add({
        type,
        x: prng.int32(gen, -500, 500),
        y: prng.int32(gen, -500, 500),
        w: prng.int32(gen, 1, 200),
        h: prng.int32(gen, 1, 200),
        end: type === 'arrow' && target ? { shapeId: target, nx: 0.5, ny: 0.5 } : null,
      })
      break
    }
    case 2:
    case 3:
      board.update({ [pick()]: { x: prng.int32(gen, -500, 500), y: prng.int32(gen, -500, 500) } })
      break
    case 4:
      board.update({ [pick()]: { fill: prng.oneOf(gen, ['none', '#ffc9c9', '#b2f2bb']) } })
      break
    case 5:
      if (prng.bool(gen)) board.bringToFront([pick()])
      else board.sendToBack([pick()])
      break
    case 6:
      board.delete([pick()])
      break
    default:
      board.duplicate([pick()])
  }
}

/** What a user sees: the paint order and every shape with its arrows' resolved ends. */
function view(board: BoardDoc): unknown {
  const shapes = board.list()
  const byId = new Map(shapes.map((shape) => [shape.id, shape]))
  return shapes.map((shape) => ({
    ...shape,
    ends: connectorEnds(shape, (id) => byId.get(id) ?? null),
  }))
}

describe('board convergence fuzz', () => {
  it(`${SEEDS} seeds × ${PEERS} peers × ${STEPS} random edits with partitions converge`, () => {
    const base = Number(process.env.TANDEM_FUZZ_SEED ?? Date.now() % 1_000_000)
    for (let s = 0; s < SEEDS; s++) {
      const seed = base + s
      const gen = prng.create(seed)
      const docs = Array.from({ length: PEERS }, () => new Y.Doc())
      const boards = docs.map(boardDoc)
      boards.forEach((board) => board.migrate())
      for (let step = 0; step < STEPS; step++) {
        const who = prng.int32(gen, 0, PEERS - 1)
        randomEdit(gen, boards[who] as BoardDoc)
        // Sometimes two peers sync (one way or both): others stay partitioned meanwhile.
        if (prng.int32(gen, 0, 3) === 0) {
          const a = docs[prng.int32(gen, 0, PEERS - 1)] as Y.Doc
          const b = docs[prng.int32(gen, 0, PEERS - 1)] as Y.Doc
          exchange(a, b)
          if (prng.bool(gen)) exchange(b, a)
        }
      }
      for (const a of docs) for (const b of docs) if (a !== b) exchange(a, b)
      const expected = JSON.stringify(view(boards[0] as BoardDoc))
      for (const board of boards) {
        const got = JSON.stringify(view(board))
        if (got !== expected) console.error(`board fuzz diverged: TANDEM_FUZZ_SEED=${seed}`)
        expect(got, `seed ${seed}`).toBe(expected)
      }
    }
    console.info(`board fuzz: seeds ${base}..${base + SEEDS - 1} converged`)
  })
})
