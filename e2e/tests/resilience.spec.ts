import { test, expect } from '../support/fixtures.js'
import {
  containsInOrder,
  createDoc,
  docText,
  editor,
  expectAllSaved,
  openDoc,
} from '../support/app.js'

test('server killed (SIGKILL) and restarted while typing: nothing lost, the UI recovers', async ({
  server,
  user,
}) => {
  const ada = await user('Ada')
  const id = await createDoc(ada.page, 'Crash test')
  await editor(ada.page).click()
  await ada.page.keyboard.type('before the crash; ')
  await expectAllSaved(ada.page)

  const during = 'typed while the server is down; '
  const typing = ada.page.keyboard.type(during, { delay: 25 })
  await server.kill()
  await expect(ada.page.getByTestId('connection')).not.toHaveAttribute('data-state', 'online')
  await typing
  await expect(ada.page.getByTestId('save-state')).toHaveText(/saved on this device only/)
  await server.start()
  await ada.page.keyboard.type('after the restart.')

  // Recovers by itself: no reload, no click.
  await expectAllSaved(ada.page, 30_000)
  const expected = `before the crash; ${during}after the restart.`
  expect(await docText(ada.page, id)).toBe(expected)

  // And the server really has it all: a new visitor loads it from the restarted server.
  const grace = await user('Grace')
  await openDoc(grace.page, id)
  await expect.poll(() => docText(grace.page, id)).toBe(expected)
  expect(containsInOrder(await docText(grace.page, id), during)).toBe(true)
})

test('presence: someone who closes the tab disappears from the others', async ({ user }) => {
  const ada = await user('Ada')
  const grace = await user('Grace')
  const id = await createDoc(ada.page, 'Who is here')
  await openDoc(grace.page, id)
  const graceAvatar = ada.page.locator('[data-testid="avatar"][data-name="Grace"]')
  await expect(graceAvatar).toBeVisible()
  await expect(graceAvatar).toHaveAttribute('data-status', 'online')

  await grace.context.close()
  await expect(graceAvatar).toHaveCount(0, { timeout: 35_000 })
})
