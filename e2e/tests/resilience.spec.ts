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

test('presence: busy shows to others; people who lose the network or close the tab disappear', async ({
  user,
}) => {
  const ada = await user('Ada')
  const grace = await user('Grace')
  const bob = await user('Bob')
  const id = await createDoc(ada.page, 'Who is here')
  await openDoc(grace.page, id)
  await openDoc(bob.page, id)
  const avatarOf = (name: string) => ada.page.locator(`[data-testid="avatar"][data-name="${name}"]`)
  await expect(avatarOf('Grace')).toHaveAttribute('data-status', 'online')
  await expect(avatarOf('Bob')).toHaveAttribute('data-status', 'online')

  await grace.page.getByTestId('user-menu').click()
  await grace.page.getByTestId('busy-toggle').click()
  await expect(avatarOf('Grace')).toHaveAttribute('data-status', 'busy')

  // Network lost: the socket closes, the server drops that connection's presence.
  await bob.context.setOffline(true)
  await expect(avatarOf('Bob')).toHaveCount(0, { timeout: 35_000 })
  // Tab closed: removed on pagehide, or by the server's awareness timeout at the latest.
  await grace.context.close()
  await expect(avatarOf('Grace')).toHaveCount(0, { timeout: 35_000 })
})
