import { expect, type Locator, type Page } from '@playwright/test'

/** A shape as the test hook returns it (apps/web/src/testHook.ts, packages/schema Shape). */
export interface ShapeView {
  id: string
  type: string
  x: number
  y: number
  w: number
  h: number
  fill: string
  text: string
  createdBy: string | null
}

/** The board's drawing surface. */
export function boardCanvas(page: Page): Locator {
  return page.getByTestId('board-canvas')
}

/** Creates a board from the workspace home ("New board"); returns its id (on its page). */
export async function createBoard(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'New board' }).click()
  await expect(boardCanvas(page)).toBeVisible()
  const id = await page.getByTestId('board-page').getAttribute('data-board-id')
  if (!id) throw new Error('board page without data-board-id')
  return id
}

/** Opens `/board/<id>` and waits for the canvas. */
export async function openBoard(page: Page, id: string): Promise<void> {
  await page.goto(`/board/${id}`)
  await expect(boardCanvas(page)).toBeVisible()
}

/** Shapes of `board:<id>` from this page's Y.Doc, in paint order. */
export async function boardShapes(page: Page, id: string): Promise<ShapeView[]> {
  return page.evaluate(async (name) => {
    const hook = (window as unknown as { __tandem?: { shapes(n: string): Promise<ShapeView[]> } })
      .__tandem
    if (!hook) throw new Error('window.__tandem is not installed')
    return hook.shapes(name)
  }, `board:${id}`)
}

/** Sorted shape ids, for comparing two replicas. */
export async function shapeIds(page: Page, id: string): Promise<string[]> {
  return (await boardShapes(page, id)).map((shape) => shape.id).sort()
}

/** Picks a tool by its accessible name and drags on the canvas between two canvas points. */
export async function drag(
  page: Page,
  tool: string,
  from: [number, number],
  to: [number, number],
): Promise<void> {
  await page.getByRole('button', { name: tool, exact: true }).click()
  const box = await boardCanvas(page).boundingBox()
  if (!box) throw new Error('board canvas has no box')
  await page.mouse.move(box.x + from[0], box.y + from[1])
  await page.mouse.down()
  for (let step = 1; step <= 8; step++) {
    await page.mouse.move(
      box.x + from[0] + ((to[0] - from[0]) * step) / 8,
      box.y + from[1] + ((to[1] - from[1]) * step) / 8,
    )
  }
  await page.mouse.up()
}

/** Moves the mouse over the canvas point (x, y), so others see the pointer. */
export async function hover(page: Page, x: number, y: number): Promise<void> {
  const box = await boardCanvas(page).boundingBox()
  if (!box) throw new Error('board canvas has no box')
  await page.mouse.move(box.x + x, box.y + y)
}
