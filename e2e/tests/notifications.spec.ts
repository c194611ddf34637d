import type { Page } from '@playwright/test'
import { test, expect } from '../support/fixtures.js'
import { createDoc, screenshot } from '../support/app.js'

interface HookView {
  me: { id: string; name: string }
  sendChat(name: string, body: string): Promise<{ id: string }>
  notifications(): Promise<{ id: string; kind: string; read: number | null }[]>
}

const me = (page: Page) =>
  page.evaluate(() => (window as unknown as { __tandem: HookView }).__tandem.me)

const sendChat = (page: Page, room: string, body: string) =>
  page.evaluate(
    ([name, text]) => (window as unknown as { __tandem: HookView }).__tandem.sendChat(name!, text!),
    [room, body],
  )

const notifications = (page: Page) =>
  page.evaluate(() => (window as unknown as { __tandem: HookView }).__tandem.notifications())

test('a mention reaches the other user’s bell live; open, mark read, mark all read', async ({
  user,
}) => {
  const ada = await user('Ada Lovelace')
  const grace = await user('Grace Hopper')
  const bell = grace.page.getByRole('button', { name: /^Notifications/ })
  await expect(bell).toHaveAccessibleName('Notifications')

  const id = await createDoc(ada.page, 'Launch plan')
  const graceId = (await me(grace.page)).id
  await sendChat(ada.page, `chat:${id}`, `Can you review this, <@${graceId}>?`)
  await expect(bell).toHaveAccessibleName('Notifications, 1 unread')
  await sendChat(ada.page, `chat:${id}`, `And this too <@${graceId}> <script>alert(1)</script>`)
  await expect(bell).toHaveAccessibleName('Notifications, 2 unread')

  await bell.click()
  const panel = grace.page.getByRole('dialog', { name: 'Notifications' })
  await expect(panel.getByTestId('notification')).toHaveCount(2)
  // Bodies are text: the script tag shows as typed and runs nothing; the mention shows the name.
  await expect(panel.getByText('<script>alert(1)</script>', { exact: false })).toBeVisible()
  await expect(panel.locator('script')).toHaveCount(0)
  await expect(panel.getByText('@Grace Hopper').first()).toBeVisible()
  await screenshot(grace.page, 'notifications-panel')

  await panel
    .getByRole('button', { name: /^Mark read: Ada Lovelace/ })
    .first()
    .click()
  await expect(bell).toHaveAccessibleName('Notifications, 1 unread')
  await panel.getByRole('button', { name: 'Mark all read' }).click()
  await expect(bell).toHaveAccessibleName('Notifications')
  expect((await notifications(grace.page)).every((n) => n.read !== null)).toBe(true)

  // Clicking a notification goes to the document the message was sent in.
  await panel.getByTestId('notification').first().click()
  await expect(grace.page).toHaveURL(new RegExp(`/doc/${id}#chat-`))
  await expect(grace.page.getByTestId('doc-page')).toBeVisible()
  expect(ada.errors).toEqual([])
  expect(grace.errors).toEqual([])
})
