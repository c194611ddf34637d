import { test, expect } from '../support/fixtures.js'
import { screenshot } from '../support/app.js'
import { boardCanvas, createBoard, drag } from '../support/board.js'

test('shot', async ({ user }) => {
  const ada = await user('Ada')
  const id = await createBoard(ada.page)
  await ada.page.getByRole('radio', { name: 'Blue', exact: true }).click()
  await ada.page.getByRole('radio', { name: 'Light blue' }).click()
  await drag(ada.page, 'Rectangle', [260, 220], [420, 320])
  await ada.page.keyboard.press('Escape')
  await ada.page.getByRole('radio', { name: 'Bold', exact: true }).click()
  await ada.page.getByRole('radio', { name: 'Red', exact: true }).click()
  await drag(ada.page, 'Ellipse', [480, 220], [600, 340])
  await ada.page.keyboard.press('Escape')
  await ada.page.getByRole('button', { name: 'Draw' }).click()
  const box = (await boardCanvas(ada.page).boundingBox())!
  await ada.page.mouse.move(box.x + 300, box.y + 450)
  await ada.page.mouse.down()
  for (let i = 0; i < 40; i++)
    await ada.page.mouse.move(box.x + 300 + i * 8, box.y + 450 + Math.sin(i / 4) * 40)
  await ada.page.mouse.up()
  await ada.page.getByRole('radio', { name: 'No fill' }).click()
  await ada.page.getByRole('button', { name: 'Sticky note' }).click()
  await ada.page.mouse.click(box.x + 800, box.y + 300)
  await ada.page.keyboard.type('Remember the quarterly review with a long sentence that wraps')
  await ada.page.keyboard.press('Escape')
  await ada.page.keyboard.press('t')
  await ada.page.mouse.click(box.x + 700, box.y + 520)
  await ada.page.keyboard.type('Hello board')
  await screenshot(ada.page, 'zz-typing')
  await ada.page.keyboard.press('Escape')
  await drag(ada.page, 'Arrow', [420, 270], [800, 300])
  await ada.page.keyboard.press('Escape')
  await ada.page.keyboard.press('Escape')
  await screenshot(ada.page, 'zz-shapes')
  await drag(ada.page, 'Select', [240, 200], [650, 360])
  await screenshot(ada.page, 'zz-marquee-selected')
  await ada.page.evaluate(
    ([name]) =>
      (window as any).__tandem.addShapes(
        name,
        Array.from({ length: 3000 }, (_, i) => ({
          type: ['rectangle', 'ellipse', 'sticky'][i % 3],
          x: (i % 60) * 70,
          y: 600 + Math.floor(i / 60) * 70,
          w: 50,
          h: 50,
          fill: i % 2 ? '#b2f2bb' : 'none',
          text: 'x' + i,
        })),
      ),
    [`board:${id}`],
  )
  await ada.page.getByRole('button', { name: 'Zoom to fit' }).click()
  await screenshot(ada.page, 'zz-fit')
  await ada.page.goto('/')
  await expect(ada.page.getByRole('heading', { name: 'Workspace' })).toBeVisible()
  await screenshot(ada.page, 'zz-home')
})
