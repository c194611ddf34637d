import { readFile } from 'node:fs/promises'
import { test, expect } from '../support/fixtures.js'
import { createDoc, docText, editor, expectAllSaved, screenshot } from '../support/app.js'
import { boardShapes, createBoard, openBoard } from '../support/board.js'

test('history: save a version, preview the changes by author, restore; export a document', async ({
  user,
}) => {
  const ada = await user('Ada')
  const bob = await user('Bob')
  const { page } = ada
  const id = await createDoc(page, 'Plan')
  await editor(page).click()
  await page.keyboard.type('Hello world')
  await expect.poll(() => docText(page, id)).toBe('Hello world')
  await expectAllSaved(page)

  await page.getByRole('button', { name: 'History', exact: true }).click()
  const panel = page.getByTestId('history-panel')
  await panel.getByLabel('Version name').fill('First draft')
  await panel.getByRole('button', { name: 'Save version' }).click()
  const draft = panel.getByRole('button', { name: /^First draft/ })
  await expect(draft).toBeVisible()

  // Bob, in his own browser, replaces "world" with "there".
  await bob.page.goto(`/doc/${id}`)
  await expect.poll(() => docText(bob.page, id)).toBe('Hello world')
  // The replica has it; wait for the editor to show it and take the focus before typing, or the
  // first keys can land before the text is there (seen: "Hello wothere").
  await expect(editor(bob.page)).toHaveText('Hello world')
  await editor(bob.page).click()
  await expect(editor(bob.page)).toBeFocused()
  await bob.page.keyboard.press('End')
  for (let i = 0; i < 5; i++) await bob.page.keyboard.press('Backspace')
  await bob.page.keyboard.type('there')
  await expect.poll(() => docText(page, id)).toBe('Hello there')
  await expectAllSaved(bob.page)

  await draft.click()
  const preview = page.getByTestId('version-preview')
  await expect(preview.locator('del')).toHaveText('world')
  await expect(preview.locator('del')).toHaveAttribute('title', 'Removed by Bob')
  await expect(preview.locator('ins')).toHaveText('there')
  await expect(preview.locator('ins')).toHaveAttribute('title', 'Added by Bob')
  await screenshot(page, 'desktop-history-preview')

  await preview.getByRole('button', { name: 'Restore this version' }).click()
  // Both editors receive the restore as a change.
  await expect.poll(() => docText(page, id)).toBe('Hello world')
  await expect.poll(() => docText(bob.page, id)).toBe('Hello world')
  await expect(panel.getByRole('button', { name: /^Restored First draft/ })).toBeVisible()
  await screenshot(page, 'desktop-history-restored')

  await page.getByRole('button', { name: 'Export', exact: true }).click()
  const download = page.waitForEvent('download')
  await page.getByRole('menuitem', { name: 'Markdown' }).click()
  const file = await download
  expect(file.suggestedFilename()).toBe('Plan.md')
  expect(await readFile(await file.path(), 'utf8')).toBe('Hello world\n')
  expect(ada.errors).toEqual([])
  expect(bob.errors).toEqual([])
})

test('import Markdown files into the workspace and export it as a zip', async ({ user }) => {
  const ada = await user('Ada')
  const { page } = ada
  await page.getByLabel('Markdown files to import').setInputFiles({
    name: 'Road map.md',
    mimeType: 'text/markdown',
    buffer: Buffer.from('# Road map\n\n- [ ] ship history\n'),
  })
  const item = page.getByTestId('item').filter({ hasText: 'Road map' })
  await expect(item).toBeVisible()
  await page.getByRole('link', { name: 'Road map' }).click()
  const id = await page.getByTestId('doc-page').getAttribute('data-doc-id')
  await expect.poll(() => docText(page, id ?? '')).toBe('Road map\nship history')
  await expect(editor(page).locator('h1')).toHaveText('Road map')
  await expect(
    page.getByRole('checkbox', { name: 'Task item checkbox for ship history' }),
  ).toBeVisible()
  await screenshot(page, 'desktop-imported-markdown')

  await page.getByRole('link', { name: 'Workspace' }).click()
  await screenshot(page, 'desktop-home-transfer')
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export workspace' }).click()
  const file = await download
  expect(file.suggestedFilename()).toBe('workspace-main.zip')
  const zip = await readFile(await file.path())
  // A zip whose first entry is the manifest (stored by name, readable without unpacking).
  expect(zip.subarray(0, 4).toString('hex')).toBe('504b0304')
  expect(zip.includes(Buffer.from('docs/Road map.md'))).toBe(true)
  expect(ada.errors).toEqual([])
})

test('board history: save a version, change the board, preview what changed, restore on both', async ({
  user,
}) => {
  const ada = await user('Ada')
  const bob = await user('Bob')
  const { page } = ada
  const id = await createBoard(page)
  const name = `board:${id}`
  await page.evaluate(
    (board) =>
      (
        window as unknown as { __tandem: { addShapes(n: string, s: unknown[]): Promise<string[]> } }
      ).__tandem.addShapes(board, [
        { type: 'rectangle', x: 80, y: 80, w: 160, h: 100, fill: '#a5d8ff' },
        { type: 'sticky', x: 300, y: 80, w: 180, h: 140, text: 'Ship <it> & "soon"' },
      ]),
    name,
  )
  await expectAllSaved(page)
  const saved = JSON.stringify(await boardShapes(page, id))

  await page.getByRole('button', { name: 'History', exact: true }).click()
  const panel = page.getByTestId('history-panel')
  await panel.getByLabel('Version name').fill('Layout')
  await panel.getByRole('button', { name: 'Save version' }).click()
  const layout = panel.getByRole('button', { name: /^Layout/ })
  await expect(layout).toBeVisible()

  // Bob moves the rectangle and adds an ellipse.
  await openBoard(bob.page, id)
  await expect.poll(async () => (await boardShapes(bob.page, id)).length).toBe(2)
  await bob.page.evaluate(async (board) => {
    const hook = (
      window as unknown as {
        __tandem: {
          shapes(n: string): Promise<{ id: string; type: string }[]>
          addShapes(n: string, s: unknown[]): Promise<string[]>
          updateShapes(n: string, p: Record<string, unknown>): Promise<void>
        }
      }
    ).__tandem
    const rect = (await hook.shapes(board)).find((shape) => shape.type === 'rectangle')
    await hook.updateShapes(board, { [rect!.id]: { x: 140 } })
    await hook.addShapes(board, [{ type: 'ellipse', x: 560, y: 260, w: 120, h: 80 }])
  }, name)
  await expect.poll(async () => (await boardShapes(page, id)).length).toBe(3)
  await expectAllSaved(bob.page)

  await layout.click()
  const preview = page.getByTestId('version-preview')
  const changes = preview.getByTestId('shape-changes')
  await expect(changes.getByText('Added ellipse by Bob')).toBeVisible()
  await expect(changes.getByText('Changed rectangle by Bob')).toBeVisible()
  const image = preview.getByTestId('version-board')
  await expect(image).toHaveAttribute('alt', 'The board as it was: 2 shapes')
  // The preview is the version drawn by the SVG serializer, its text escaped.
  const svg = decodeURIComponent((await image.getAttribute('src'))!.split(',')[1]!)
  expect(svg).toContain('>Ship &#60;it&#62; &#38;</tspan>')
  expect(svg).toContain('&#34;soon&#34;')
  expect(svg).not.toContain('<it>')
  expect(svg).toContain('fill="#a5d8ff"')
  await expect
    .poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth))
    .toBeGreaterThan(0)
  await screenshot(page, 'desktop-board-history-preview')

  await preview.getByRole('button', { name: 'Restore this version' }).click()
  // Both boards receive the restore as a change: the saved shapes, nothing else.
  await expect.poll(async () => JSON.stringify(await boardShapes(page, id))).toBe(saved)
  await expect.poll(async () => JSON.stringify(await boardShapes(bob.page, id))).toBe(saved)
  await expect(panel.getByRole('button', { name: /^Restored Layout/ })).toBeVisible()
  await screenshot(page, 'desktop-board-history-restored')
  // At phone width the panel sits below the board.
  await page.setViewportSize({ width: 390, height: 844 })
  await expect(panel).toBeVisible()
  await screenshot(page, 'phone-board-history')
  expect(ada.errors).toEqual([])
  expect(bob.errors).toEqual([])
})
