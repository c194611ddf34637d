import { readFile } from 'node:fs/promises'
import type { Page } from '@playwright/test'
import { test, expect } from '../support/fixtures.js'
import { expectAllSaved, screenshot, waitForOfflineReady } from '../support/app.js'
import {
  boardCanvas,
  boardShapes,
  createBoard,
  drag,
  hover,
  openBoard,
  shapeIds,
} from '../support/board.js'

/** Waits until both pages hold the same shapes, and returns how many. */
async function expectConverged(a: Page, b: Page, id: string, count: number): Promise<void> {
  await expect.poll(async () => (await shapeIds(a, id)).length).toBe(count)
  await expect
    .poll(async () => JSON.stringify(await shapeIds(b, id)))
    .toBe(JSON.stringify(await shapeIds(a, id)))
}

test('two people draw at once and see each other’s shapes and pointers', async ({ user }) => {
  const ada = await user('Ada')
  const grace = await user('Grace')
  const id = await createBoard(ada.page)
  await openBoard(grace.page, id)

  await Promise.all([
    drag(ada.page, 'Rectangle', [200, 200], [380, 320]),
    drag(grace.page, 'Ellipse', [520, 220], [700, 360]),
  ])
  await expectConverged(ada.page, grace.page, id, 2)
  const types = (await boardShapes(grace.page, id)).map((shape) => shape.type).sort()
  expect(types).toEqual(['ellipse', 'rectangle'])

  // Freehand by shortcut: D picks the pen once the board has focus.
  await boardCanvas(ada.page).focus()
  await ada.page.keyboard.press('d')
  await expect(ada.page.getByRole('button', { name: 'Draw' })).toHaveAttribute(
    'aria-pressed',
    'true',
  )
  await drag(ada.page, 'Draw', [250, 450], [450, 520])
  await expectConverged(ada.page, grace.page, id, 3)
  expect((await boardShapes(grace.page, id)).map((shape) => shape.type)).toContain('draw')

  // Pointers: each sees the other's, with a name tag, drawn on the canvas.
  await hover(grace.page, 600, 420)
  await hover(ada.page, 300, 300)
  await expect(ada.page.locator('.tandem-board')).toHaveAttribute('data-pointers', 'Grace')
  await expect(grace.page.locator('.tandem-board')).toHaveAttribute('data-pointers', 'Ada')
  await screenshot(ada.page, 'board-two-people')

  // Follow: Grace follows Ada's viewport; Ada zooms in, Grace's view goes along.
  await grace.page.getByRole('button', { name: 'Follow Ada' }).click()
  await ada.page.getByRole('button', { name: 'Zoom in' }).click()
  await ada.page.getByRole('button', { name: 'Zoom in' }).click()
  await expect(ada.page.getByTestId('board-zoom')).toHaveText('156%')
  await expect(grace.page.getByTestId('board-zoom')).toHaveText('156%')
  await expect(grace.page.getByRole('button', { name: 'Stop following Ada' })).toBeVisible()
})

test('offline drawing (and a reload offline) syncs when the network returns; both converge', async ({
  user,
}) => {
  const ada = await user('Ada')
  const grace = await user('Grace')
  const id = await createBoard(ada.page)
  await drag(ada.page, 'Rectangle', [260, 150], [400, 260])
  await expectAllSaved(ada.page)
  await waitForOfflineReady(ada.page)
  await openBoard(grace.page, id)
  await expectConverged(ada.page, grace.page, id, 1)

  await ada.context.setOffline(true)
  await expect(ada.page.getByTestId('connection')).toHaveAttribute('data-state', 'offline')
  await drag(ada.page, 'Diamond', [480, 180], [600, 320])
  await drag(ada.page, 'Arrow', [330, 205], [540, 250])
  await drag(grace.page, 'Ellipse', [600, 300], [720, 420])
  await expect(ada.page.getByTestId('save-state')).toHaveText(
    /^\d+ changes? saved on this device only$/,
  )
  expect(await shapeIds(grace.page, id)).toHaveLength(2)

  await ada.context.setOffline(false)
  await expectAllSaved(ada.page, 10_000)
  await expectConverged(ada.page, grace.page, id, 4)
  // The arrow was drawn from the rectangle to the diamond: it is bound to both.
  const arrow = (await boardShapes(grace.page, id)).find((shape) => shape.type === 'arrow')
  expect(arrow).toMatchObject({ start: expect.any(Object), end: expect.any(Object) })
  await screenshot(grace.page, 'board-after-offline')
})

test('undo in one tab does not remove what the other person drew', async ({ user }) => {
  const ada = await user('Ada')
  const grace = await user('Grace')
  const id = await createBoard(ada.page)
  await openBoard(grace.page, id)
  await drag(ada.page, 'Rectangle', [260, 150], [400, 260])
  await drag(grace.page, 'Ellipse', [500, 200], [640, 320])
  await expectConverged(ada.page, grace.page, id, 2)
  const graceShape = (await boardShapes(grace.page, id)).find((shape) => shape.type === 'ellipse')

  await ada.page.keyboard.press('Control+z')
  await expectConverged(ada.page, grace.page, id, 1)
  expect(await shapeIds(ada.page, id)).toEqual([graceShape?.id])
  // Nothing left for Ada to undo: Grace's ellipse is not Ada's to take back.
  await ada.page.keyboard.press('Control+z')
  await expect(ada.page.getByRole('button', { name: 'Undo' })).toBeDisabled()
  expect(await shapeIds(grace.page, id)).toEqual([graceShape?.id])
  await ada.page.keyboard.press('Control+Shift+z')
  await expectConverged(ada.page, grace.page, id, 2)
})

test('PNG and SVG export hold the shapes', async ({ user }) => {
  const ada = await user('Ada')
  const id = await createBoard(ada.page)
  await ada.page.getByRole('radio', { name: 'Light red' }).click()
  await drag(ada.page, 'Rectangle', [260, 150], [460, 280])
  await ada.page.keyboard.press('Escape')
  // With no fill picked, a sticky note is yellow.
  await ada.page.getByRole('radio', { name: 'No fill' }).click()
  await ada.page.getByRole('button', { name: 'Sticky note' }).click()
  const box = await boardCanvas(ada.page).boundingBox()
  await ada.page.mouse.click(box!.x + 560, box!.y + 260)
  await ada.page.getByRole('textbox', { name: 'Sticky note text' }).fill('Ship it')
  // Escape closes the text field, a second one clears the selection: export the whole board.
  await ada.page.keyboard.press('Escape')
  await ada.page.keyboard.press('Escape')
  await expect(ada.page.locator('.tandem-board')).toHaveAttribute('data-selection', '0')
  // Text: a click with T opens a field; nothing is written until something is typed.
  await ada.page.keyboard.press('t')
  await ada.page.mouse.click(box!.x + 300, box!.y + 420)
  await ada.page.keyboard.press('Escape')
  expect(await boardShapes(ada.page, id)).toHaveLength(2)
  await ada.page.keyboard.press('t')
  await ada.page.mouse.click(box!.x + 300, box!.y + 420)
  await ada.page.keyboard.type('Launch plan')
  await ada.page.keyboard.press('Escape')
  await ada.page.keyboard.press('Escape')
  expect((await boardShapes(ada.page, id)).map((shape) => shape.type)).toEqual([
    'rectangle',
    'sticky',
    'text',
  ])
  await screenshot(ada.page, 'board-export-source')

  const exported = async (label: RegExp): Promise<Buffer> => {
    await ada.page.getByRole('button', { name: 'Export' }).click()
    const [download] = await Promise.all([
      ada.page.waitForEvent('download'),
      ada.page.getByRole('menuitem', { name: label }).click(),
    ])
    return readFile(await download.path())
  }

  const svg = (await exported(/^SVG/)).toString('utf8')
  expect(svg).toContain('<svg')
  expect(svg).toMatch(/<rect [^>]*fill="#ffc9c9"/)
  expect(svg).toContain('Ship it')
  expect(svg).toContain('Launch plan')

  const png = await exported(/^PNG/)
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG')
  // Decode it in the page and count pixels of the rectangle's fill and the sticky's yellow.
  const counts = await ada.page.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
    const image = await createImageBitmap(new Blob([bytes], { type: 'image/png' }))
    const canvas = new OffscreenCanvas(image.width, image.height)
    const ctx = canvas.getContext('2d')!
    ctx.drawImage(image, 0, 0)
    const data = ctx.getImageData(0, 0, image.width, image.height).data
    let red = 0
    let yellow = 0
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!]
      if (r === 0xff && g === 0xc9 && b === 0xc9) red++
      if (r === 0xff && g === 0xec && b === 0x99) yellow++
    }
    return { red, yellow, width: image.width, height: image.height }
  }, png.toString('base64'))
  expect(counts.red).toBeGreaterThan(1000)
  expect(counts.yellow).toBeGreaterThan(1000)
})
