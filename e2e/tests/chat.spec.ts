import { test, expect, PHONE } from '../support/fixtures.js'
import { createDoc, expectAllSaved, openDoc, screenshot } from '../support/app.js'
import { appendMessages, members, messages } from '../support/conversation.js'

test('document chat: typing indicator, unread badge, seen by, edit and delete own', async ({
  user,
}) => {
  const ada = await user('Ada Lovelace')
  const grace = await user('Grace Hopper')
  const id = await createDoc(ada.page, 'Launch plan')
  await openDoc(grace.page, id)
  const room = `chat:${id}`

  await grace.page.getByRole('button', { name: /^Chat/ }).click()
  await ada.page.getByRole('button', { name: /^Chat/ }).click()
  const adaBox = ada.page.getByRole('combobox', { name: 'Message' })
  await adaBox.pressSequentially('Morning! <b>bold</b> & <img src=x onerror=alert(1)>')
  // Awareness, not the document: Grace sees Ada typing before anything is sent.
  await expect(grace.page.getByTestId('typing')).toHaveText('Ada Lovelace is typing…')
  await ada.page.getByRole('button', { name: 'Send', exact: true }).click()
  await expect(grace.page.getByTestId('typing')).toHaveText('')
  const first = grace.page.getByTestId('chat-message')
  await expect(first).toHaveCount(1)
  await expect(first.locator('.chat-text')).toHaveText(
    'Morning! <b>bold</b> & <img src=x onerror=alert(1)>',
  )
  await expect(grace.page.locator('.chat-log img, .chat-log b')).toHaveCount(0)
  // Grace has the panel open at the newest message: Ada sees it read.
  await expect(ada.page.getByTestId('seen-by')).toHaveText('Seen by Grace Hopper')

  // With her panel closed, Grace gets an unread count on the Chat button.
  await grace.page.getByRole('button', { name: 'Close' }).click()
  const graceId = (await members(ada.page)).find((m) => m.name === 'Grace Hopper')?.id
  await adaBox.pressSequentially('Ping @gr')
  await ada.page.getByRole('option', { name: 'Grace Hopper' }).click()
  await adaBox.press('Enter')
  await adaBox.fill('Second')
  await adaBox.press('Enter')
  await expect(grace.page.getByRole('button', { name: 'Chat, 2 unread' })).toBeVisible()
  await screenshot(grace.page, 'chat-unread-badge')
  await expect
    .poll(async () => (await messages(grace.page, room)).map((m) => m.body))
    .toEqual([
      'Morning! <b>bold</b> & <img src=x onerror=alert(1)>',
      `Ping <@${graceId}>`,
      'Second',
    ])

  // Ada edits and deletes her own messages; Grace has no such controls on them.
  const mine = ada.page.getByTestId('chat-message').last()
  await mine.hover()
  await mine.getByRole('button', { name: 'Edit message' }).click()
  const edit = mine.getByRole('combobox', { name: 'Edit message' })
  await edit.fill('Second, edited')
  await edit.press('Enter')
  await ada.page.getByTestId('chat-message').first().hover()
  await ada.page
    .getByTestId('chat-message')
    .first()
    .getByRole('button', { name: 'Delete message' })
    .click()
  await expect.poll(async () => (await messages(grace.page, room))[0]?.body).toBe('')
  await expect.poll(async () => (await messages(grace.page, room))[2]?.body).toBe('Second, edited')

  // Deleting a message Grace had read changes nothing; the edited one is still unread.
  await grace.page.getByRole('button', { name: 'Chat, 2 unread' }).click()
  await expect(grace.page.getByRole('button', { name: 'Chat', exact: true })).toBeVisible()
  await expect(grace.page.getByTestId('chat-message').nth(1).locator('.tandem-mention')).toHaveText(
    '@Grace Hopper',
  )
  await expect(grace.page.getByTestId('chat-message').first()).toContainText('Message deleted')
  await expect(
    grace.page.getByTestId('chat-message').getByRole('button', { name: 'Delete message' }),
  ).toHaveCount(0)
  await screenshot(grace.page, 'chat-panel-light')
  await grace.page.emulateMedia({ colorScheme: 'dark' })
  await screenshot(grace.page, 'chat-panel-dark')
  await expectAllSaved(ada.page)
  await expectAllSaved(grace.page)
})

test('workspace room from the home page, long rooms render a window, phone layout', async ({
  user,
}) => {
  const ada = await user('Ada', { viewport: PHONE })
  await ada.page.getByRole('button', { name: /^Chat/ }).click()
  const panel = ada.page.getByTestId('chat-panel')
  await expect(panel).toBeVisible()
  // 5,000 messages: only the newest page is read and rendered.
  const total = 5000
  const bodies = Array.from({ length: total }, (_, i) => `message ${i + 1}`)
  await appendMessages(ada.page, 'chat:workspace-main', { id: 'seed', name: 'Seed bot' }, bodies)
  await expect(panel.getByTestId('chat-message').last()).toContainText(`message ${total}`)
  await expect(panel.getByTestId('chat-message')).toHaveCount(50)
  const box = ada.page.getByRole('combobox', { name: 'Message' })
  await box.fill('Hello from a phone')
  await box.press('Enter')
  await expect(panel.getByTestId('chat-message').last()).toContainText('Hello from a phone')
  await screenshot(ada.page, 'chat-panel-phone')
  // Scrolling to the top loads the previous page, keeping the view where it was.
  const log = panel.getByTestId('chat-log')
  await log.evaluate((el) => (el.scrollTop = 0))
  await expect(panel.getByTestId('chat-message')).toHaveCount(100)
  await expect(panel.getByTestId('chat-message').first()).toContainText(`message ${total - 98}`)
  await expectAllSaved(ada.page)
  const all = await messages(ada.page, 'chat:workspace-main')
  expect(all.length).toBe(total + 1)

  // A deep link (what a chat notification links to) opens the room on an old message.
  const linked = all[1234]
  await ada.page.goto(`/#chat-${linked?.id}`)
  const target = ada.page.locator(`[data-message-id="${linked?.id}"]`)
  await expect(target).toHaveAttribute('aria-current', 'true')
  await expect(target).toBeInViewport()
  await expect(target).toContainText('message 1235')
  // Something new arrives while reading old messages: a button down, not a jump.
  await appendMessages(ada.page, 'chat:workspace-main', { id: 'seed', name: 'Seed bot' }, ['news'])
  await ada.page.getByRole('button', { name: 'New messages ↓' }).click()
  await expect(ada.page.getByTestId('chat-message').last()).toBeInViewport()
  await expect(ada.page.getByTestId('chat-message').last()).toContainText('news')
})
