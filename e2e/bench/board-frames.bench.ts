import { readFile, writeFile } from 'node:fs/promises'
import { cpus, loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from '@playwright/test'
import { test } from '../support/fixtures.js'
import { expectAllSaved } from '../support/app.js'
import { boardCanvas, createBoard, openBoard } from '../support/board.js'

const OUT = join(dirname(fileURLToPath(import.meta.url)), '../../docs/BENCHMARKS.md')
const START = '<!-- whiteboard-frames:start -->'
const END = '<!-- whiteboard-frames:end -->'
const SHAPES = Number(process.env.TANDEM_BENCH_SHAPES ?? 5_000)
const COLUMNS = 100
const TYPES = ['rectangle', 'ellipse', 'diamond', 'sticky', 'text', 'arrow'] as const

interface Figures {
  frames: number
  intervalP50: number
  intervalP95: number
  over33: number
  paintP50: number
  paintP95: number
  paintMax: number
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0
}

/** Hook calls from the page (apps/web/src/testHook.ts). */
type Hook = {
  addShapes(name: string, shapes: unknown[]): Promise<string[]>
  updateShapes(name: string, patches: Record<string, unknown>): Promise<void>
  paintTimes(name: string): number[]
}

/** Starts recording rAF intervals in the page; the returned function stops and summarises. */
async function record(page: Page, name: string): Promise<() => Promise<Figures>> {
  await page.evaluate((board) => {
    const w = window as unknown as { __frames: number[]; __recording: boolean }
    // Drops the paints so far: the hook returns those since its last call.
    ;(window as unknown as { __tandem: Hook }).__tandem.paintTimes(board)
    w.__frames = []
    w.__recording = true
    let last = 0
    const tick = (t: number) => {
      if (last) w.__frames.push(t - last)
      last = t
      if (w.__recording) requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
  }, name)
  return async () => {
    const { frames, paints } = await page.evaluate((board) => {
      const w = window as unknown as { __frames: number[]; __recording: boolean; __paints: number }
      const hook = (window as unknown as { __tandem: Hook }).__tandem
      w.__recording = false
      const all = hook.paintTimes(board)
      return {
        frames: w.__frames,
        paints: all.slice(Math.max(0, w.__paints - (2_000 - all.length))),
      }
    }, name)
    const f = [...frames].sort((a, b) => a - b)
    const p = [...paints].sort((a, b) => a - b)
    return {
      frames: f.length,
      intervalP50: quantile(f, 0.5),
      intervalP95: quantile(f, 0.95),
      over33: f.filter((ms) => ms > 33.4).length / Math.max(1, f.length),
      paintP50: quantile(p, 0.5),
      paintP95: quantile(p, 0.95),
      paintMax: p.at(-1) ?? 0,
    }
  }
}

/** Drags with the hand tool across the canvas in `steps` moves. */
async function pan(page: Page, steps: number): Promise<void> {
  await page.getByRole('button', { name: 'Hand', exact: true }).click()
  const box = (await boardCanvas(page).boundingBox())!
  const cx = box.x + box.width / 2
  const cy = box.y + box.height / 2
  await page.mouse.move(cx, cy)
  await page.mouse.down()
  for (let i = 0; i < steps; i++) {
    const a = (i / steps) * Math.PI * 4
    await page.mouse.move(cx + Math.cos(a) * 300, cy + Math.sin(a) * 200)
  }
  await page.mouse.up()
}

function row(label: string, f: Figures): string {
  const ms = (v: number) => v.toFixed(1)
  return `| ${label} | ${f.frames} | ${ms(f.intervalP50)} | ${ms(f.intervalP95)} | ${(f.over33 * 100).toFixed(1)} % | ${ms(f.paintP50)} | ${ms(f.paintP95)} | ${ms(f.paintMax)} |`
}

test(`whiteboard frame time with ${SHAPES} shapes`, async ({ user }) => {
  const ada = await user('Ada')
  const id = await createBoard(ada.page)
  const name = `board:${id}`
  const inputs = Array.from({ length: SHAPES }, (_, i) => {
    const type = TYPES[i % TYPES.length]!
    const x = (i % COLUMNS) * 70
    const y = Math.floor(i / COLUMNS) * 70
    return type === 'arrow'
      ? { type, x, y, w: 50, h: 40 }
      : {
          type,
          x,
          y,
          w: 50,
          h: 50,
          fill: i % 2 ? '#a5d8ff' : 'none',
          text: type === 'sticky' || type === 'text' ? `#${i}` : '',
        }
  })
  const ids: string[] = await ada.page.evaluate(
    ([board, shapes]) =>
      (window as unknown as { __tandem: Hook }).__tandem.addShapes(board, shapes),
    [name, inputs] as const,
  )
  // Grace's window is small, so her own painting takes little of the shared CPU: what is
  // measured is Ada's tab receiving and showing the moves.
  const grace = await user('Grace', { viewport: { width: 400, height: 300 } })
  await openBoard(grace.page, id)
  await expectAllSaved(ada.page, 120_000)
  await grace.page.waitForFunction(
    ([board, count]) =>
      (window as unknown as { __tandem: { shapes(n: string): Promise<unknown[]> } }).__tandem
        .shapes(board)
        .then((s) => s.length === count),
    [name, SHAPES] as const,
    { timeout: 120_000 },
  )

  const results: [string, Figures][] = []
  let stop = await record(ada.page, name)
  await pan(ada.page, 240)
  results.push(['pan at 100 % (~250 shapes in view)', await stop()])

  await ada.page.getByRole('button', { name: 'Zoom to fit' }).click()
  stop = await record(ada.page, name)
  await pan(ada.page, 240)
  results.push([`pan, zoomed to fit (all ${SHAPES} in view)`, await stop()])

  // A peer drags 20 shapes, one write per animation frame for 3 s; Ada only watches.
  await ada.page.getByRole('button', { name: 'Zoom to fit' }).click()
  stop = await record(ada.page, name)
  await grace.page.evaluate(
    ([board, moving]) =>
      new Promise<void>((resolve) => {
        const hook = (window as unknown as { __tandem: Hook }).__tandem
        const started = performance.now()
        const step = (t: number) => {
          const dx = Math.sin((t - started) / 200) * 40
          void hook.updateShapes(
            board,
            Object.fromEntries(moving.map((sid, i) => [sid, { x: (i % 10) * 70 + dx }])),
          )
          if (t - started < 3_000) requestAnimationFrame(step)
          else resolve()
        }
        requestAnimationFrame(step)
      }),
    [name, ids.slice(0, 20)] as const,
  )
  results.push(['watching a peer drag 20 shapes (all in view)', await stop()])

  const section = [
    START,
    `## Whiteboard frame time (${SHAPES} shapes)`,
    '',
    `Command: \`pnpm --filter @tandem/e2e bench:board\` (Playwright + headless Chromium with`,
    '`--disable-gpu`, so the canvas is painted in software; rAF timing in the page). A board is',
    `seeded with ${SHAPES} shapes (rectangles, ellipses, diamonds, sticky notes and text with`,
    'labels, arrows) in a 100-column grid; Ada pans it with the Hand tool (240 mouse moves) at',
    '100 % and zoomed to fit, then watches while Grace, in a second context, moves 20 shapes on',
    'every animation frame for 3 s. "Paint" is the time BoardView.paint() takes (culling, shapes,',
    'overlay); "interval" is the time between animation frames.',
    '',
    'Rendering: a canvas, culled to the viewport, with the shapes in a layer that is kept between',
    'frames: pointer and selection changes only copy it, a peer moving shapes repaints just the',
    'areas they left and entered, panning shifts it by whole device pixels and paints the strips',
    'that scroll in, and zooming repaints it whole (with level of detail: no text below 4 px).',
    'The first version repainted all shapes on every change: in the peer scenario it got 76',
    'frames in 3 s (p95 interval 117 ms) on this machine against 145-180 with the layer. The',
    'machine is shared (two browser tabs, the server and other jobs on 2 cores), so intervals',
    'vary run to run; paint times include the canvas raster, which the layer makes synchronous.',
    '',
    `Run ${new Date().toISOString().slice(0, 16)} UTC on ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), load average ${loadavg()[0]?.toFixed(1)} at the end (the machine was shared).`,
    '',
    '| scenario | frames | interval p50 ms | interval p95 ms | frames > 33 ms | paint p50 ms | paint p95 ms | paint max ms |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...results.map(([label, figures]) => row(label, figures)),
    END,
  ].join('\n')
  console.info(section)
  const current = await readFile(OUT, 'utf8')
  const at = current.indexOf(START)
  const endAt = current.indexOf(END)
  const next =
    at >= 0 && endAt > at
      ? current.slice(0, at) + section + current.slice(endAt + END.length)
      : `${current.trimEnd()}\n\n${section}\n`
  await writeFile(OUT, next)
})
