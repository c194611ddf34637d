import { test, expect, PHONE } from '../support/fixtures.js'
import { createDoc, docText, editor, expectAllSaved, openDoc, screenshot } from '../support/app.js'
import {
  commentOn,
  members,
  messages,
  selectText,
  signedToken,
  threads,
} from '../support/conversation.js'

test('comment and reply on the same text, with a mention; resolve; deep link', async ({ user }) => {
  const ada = await user('Ada Lovelace')
  const grace = await user('Grace Hopper')
  const id = await createDoc(ada.page, 'Engine notes')
  await editor(ada.page).click()
  await ada.page.keyboard.type('The engine needs a second pass on the bearings before Friday.')
  await openDoc(grace.page, id)
  // Both joined the workspace on their visit: each can be mentioned by the other.
  await expect
    .poll(async () => (await members(ada.page)).map((m) => m.name))
    .toEqual(['Ada Lovelace', 'Grace Hopper'])

  // Ada comments on "second pass", mentioning Grace through the autocomplete.
  await selectText(ada.page, 'second pass')
  await expect(ada.page.getByTestId('selection-comment')).toBeVisible()
  await screenshot(ada.page, 'comment-selection-button')
  await ada.page.getByRole('button', { name: 'Comment', exact: true }).click()
  const box = ada.page.getByRole('combobox', { name: 'New comment' })
  await expect(box).toBeFocused()
  await box.pressSequentially('Can you check this, @gra')
  await expect(ada.page.getByRole('option', { name: 'Grace Hopper' })).toBeVisible()
  await screenshot(ada.page, 'comment-mention-autocomplete')
  await box.press('Enter') // picks the suggestion
  await box.pressSequentially('?')
  await box.press('Enter') // posts
  const graceId = (await members(ada.page)).find((m) => m.name === 'Grace Hopper')?.id
  await expect
    .poll(async () => (await threads(ada.page, id))[0]?.comments[0]?.body)
    .toBe(`Can you check this, <@${graceId}> ?`)
  // The server writes the mention into Grace's inbox: her bell counts it, live.
  const graceBell = grace.page.getByRole('button', { name: /^Notifications/ })
  await expect(graceBell).toHaveAccessibleName('Notifications, 1 unread')

  // Grace sees the highlight, clicks it, the thread opens; she replies on the same text.
  const highlight = grace.page.locator('.tandem-comment')
  await expect(highlight).toHaveText('second pass')
  await highlight.click()
  const thread = grace.page.getByTestId('thread')
  await expect(thread).toHaveAttribute('aria-current', 'true')
  await expect(thread.locator('.tandem-mention')).toHaveText('@Grace Hopper')
  const reply = thread.getByRole('combobox', { name: 'Reply' })
  await reply.fill('On it — see https://example.com/bearings.')
  await thread.getByRole('button', { name: 'Reply', exact: true }).click()
  await expect(thread.getByTestId('comment')).toHaveCount(2)
  await expect(thread.getByRole('link', { name: 'https://example.com/bearings' })).toHaveAttribute(
    'rel',
    'noopener noreferrer',
  )

  // Ada sees the reply arrive; both replicas hold the same thread.
  await ada.page.getByTestId('thread').click()
  await expect(ada.page.getByTestId('thread').getByTestId('comment')).toHaveCount(2)
  // A reply in her thread is a notification for Ada.
  await expect(ada.page.getByRole('button', { name: /^Notifications/ })).toHaveAccessibleName(
    'Notifications, 1 unread',
  )
  await expect
    .poll(async () => JSON.stringify(await threads(grace.page, id)))
    .toBe(JSON.stringify(await threads(ada.page, id)))
  await screenshot(ada.page, 'comments-panel-light')
  await ada.page.emulateMedia({ colorScheme: 'dark' })
  await screenshot(ada.page, 'comments-panel-dark')
  await ada.page.emulateMedia({ colorScheme: 'light' })

  // Ada resolves: the highlight goes away for Grace, the thread is under "Resolved".
  const threadId = (await threads(ada.page, id))[0]?.id
  await ada.page.getByTestId('thread').getByRole('button', { name: 'Resolve' }).click()
  await expect.poll(async () => (await threads(grace.page, id))[0]?.resolved).toBe(true)
  await expect(grace.page.locator('.tandem-comment')).toHaveCount(0)
  await expect(grace.page.getByTestId('thread')).toHaveCount(0)
  await grace.page.getByRole('button', { name: /^Resolved/ }).click()
  await expect(grace.page.getByTestId('thread')).toContainText('Resolved by Ada Lovelace')
  await grace.page.getByRole('button', { name: 'Reopen' }).click()
  await expect.poll(async () => (await threads(ada.page, id))[0]?.resolved).toBe(false)

  // Grace opens the mention from her bell: it leads to the thread and is read.
  await graceBell.click()
  await grace.page
    .getByRole('dialog', { name: 'Notifications' })
    .getByTestId('notification')
    .first()
    .click()
  await expect(grace.page).toHaveURL(new RegExp(`/doc/${id}#comment-${threadId}$`))
  await expect(grace.page.getByTestId('thread')).toHaveAttribute('aria-current', 'true')
  await expect(graceBell).toHaveAccessibleName('Notifications')

  // A deep link (what a notification links to) opens the panel on the thread.
  const late = await user('Linus', { viewport: PHONE })
  await late.page.goto(`/doc/${id}#comment-${threadId}`)
  await expect(late.page.getByTestId('comments-panel')).toBeVisible()
  await expect(late.page.getByTestId('thread')).toHaveAttribute('aria-current', 'true')
  await screenshot(late.page, 'comments-panel-phone')
  await expectAllSaved(ada.page)
  await expectAllSaved(grace.page)
})

test('a thread whose text is deleted shows as detached; edit and delete own comments', async ({
  user,
}) => {
  const ada = await user('Ada')
  const id = await createDoc(ada.page, 'Draft')
  await editor(ada.page).click()
  await ada.page.keyboard.type('Keep this. Remove this sentence. Keep that.')
  await commentOn(ada.page, 'Remove this sentence.', 'Too long?')
  await commentOn(ada.page, 'Keep that.', 'Fine')
  const panel = ada.page.getByTestId('comments-panel')
  // The floating button beside a selection starts a thread too; Escape drops the draft.
  await selectText(ada.page, 'Keep this.')
  await ada.page.getByTestId('selection-comment').click()
  await expect(ada.page.getByRole('combobox', { name: 'New comment' })).toBeFocused()
  await ada.page.keyboard.press('Escape')
  await expect(ada.page.getByTestId('new-thread')).toHaveCount(0)
  await expect(panel).toBeVisible()
  // Document order, not creation order, once both exist.
  await expect(panel.getByTestId('thread').first()).toContainText('Remove this sentence.')

  const first = panel.getByTestId('thread').first()
  await first.click()
  await first.getByRole('button', { name: 'Edit' }).click()
  const edit = first.getByRole('combobox', { name: 'Edit comment' })
  await edit.fill('Too long.')
  await edit.press('Enter')
  await expect(first.locator('.comment-body')).toHaveText('Too long.')

  await selectText(ada.page, 'Remove this sentence. ')
  await ada.page.keyboard.press('Backspace')
  await expect(panel.getByRole('region', { name: 'Detached' })).toContainText('Too long.')
  await expect(ada.page.locator('.tandem-comment')).toHaveText('Keep that.')

  const detached = panel.getByRole('region', { name: 'Detached' }).getByTestId('thread')
  await detached.click()
  await detached.getByRole('button', { name: 'Delete' }).click()
  await expect(detached).toContainText('This comment was deleted.')
  await expect.poll(async () => (await threads(ada.page, id)).length).toBe(2)
})

test('offline comments and chat converge with the other side when the network returns', async ({
  user,
}) => {
  const ada = await user('Ada')
  const grace = await user('Grace')
  const id = await createDoc(ada.page, 'Field log')
  await editor(ada.page).click()
  await ada.page.keyboard.type('Pump three is down. Valve two leaks.')
  await expectAllSaved(ada.page)
  await openDoc(grace.page, id)

  await ada.context.setOffline(true)
  await expect(ada.page.getByTestId('connection')).toHaveAttribute('data-state', 'offline')
  await commentOn(ada.page, 'Pump three', 'Ordered a spare (offline)')
  await ada.page.getByRole('button', { name: /^Chat/ }).click()
  const adaBox = ada.page.getByRole('combobox', { name: 'Message' })
  await adaBox.fill('Written offline')
  await adaBox.press('Enter')
  await expect(ada.page.getByTestId('save-state')).toHaveText(
    /^\d+ changes? saved on this device only$/,
  )
  await screenshot(ada.page, 'comments-chat-offline')

  // Meanwhile Grace comments and chats online.
  await commentOn(grace.page, 'Valve two', 'Tightened it')
  await grace.page.getByRole('button', { name: /^Chat/ }).click()
  const graceBox = grace.page.getByRole('combobox', { name: 'Message' })
  await graceBox.fill('Written online')
  await grace.page.getByRole('button', { name: 'Send', exact: true }).click()

  await ada.context.setOffline(false)
  await expectAllSaved(ada.page)
  await expectAllSaved(grace.page)
  const same = async (read: (page: typeof ada.page) => Promise<unknown>) =>
    JSON.stringify(await read(ada.page)) === JSON.stringify(await read(grace.page))
  await expect.poll(() => same((page) => threads(page, id))).toBe(true)
  await expect.poll(() => same((page) => messages(page, `chat:${id}`))).toBe(true)
  expect((await threads(ada.page, id)).map((t) => t.quote).sort()).toEqual([
    'Pump three',
    'Valve two',
  ])
  expect((await messages(grace.page, `chat:${id}`)).map((m) => m.body).sort()).toEqual([
    'Written offline',
    'Written online',
  ])
  await expect(ada.page.locator('.tandem-comment')).toHaveCount(2)
  await screenshot(ada.page, 'comments-chat-back-online')
  await screenshot(grace.page, 'comments-chat-other-side')
})

test('a commenter comments on text they cannot edit; a viewer only reads', async ({
  user,
  server,
  browser,
}) => {
  const ada = await user('Ada')
  const id = await createDoc(ada.page, 'Spec')
  await editor(ada.page).click()
  await ada.page.keyboard.type('Only editors change this sentence.')
  await expectAllSaved(ada.page)

  const openAs = async (person: { id: string; name: string }, role: string) => {
    const token = await signedToken(server.dataDir, person, { '*': 'editor', [`doc:${id}`]: role })
    const context = await browser.newContext({ baseURL: server.url })
    const session = { token, user: { ...person, color: '#0090ff' } }
    await context.addInitScript((value) => {
      localStorage.setItem('tandem.session', value)
    }, JSON.stringify(session))
    const page = await context.newPage()
    await page.goto(`/doc/${id}`)
    await expect(page.getByText('You can read this document but not edit it.')).toBeVisible()
    await expect(page.locator('[data-testid="editor"] .ProseMirror')).toHaveAttribute(
      'contenteditable',
      'false',
    )
    return { context, page }
  }

  const carl = await openAs({ id: 'carl', name: 'Carl' }, 'commenter')
  try {
    await expect(carl.page.locator('.ProseMirror')).toContainText('Only editors')
    await commentOn(carl.page, 'this sentence', 'Suggest: "this line"')
    await expect.poll(async () => (await threads(ada.page, id))[0]?.quote).toBe('this sentence')
    await expect(ada.page.locator('.tandem-comment')).toHaveText('this sentence')
    // Typing into the read-only text changes nothing anywhere.
    await carl.page.locator('.ProseMirror').click()
    await carl.page.keyboard.type('vandalism')
    expect(await docText(ada.page, id)).toBe('Only editors change this sentence.')
    await expect(carl.page.getByTestId('save-state')).toHaveText('All changes saved to server')

    const vera = await openAs({ id: 'vera', name: 'Vera' }, 'viewer')
    try {
      await expect(vera.page.locator('.tandem-comment')).toHaveText('this sentence')
      await expect(vera.page.getByRole('button', { name: 'Comment', exact: true })).toHaveCount(0)
      await vera.page.locator('.tandem-comment').click()
      await expect(vera.page.getByTestId('thread')).toContainText('Suggest: "this line"')
      await expect(vera.page.getByRole('combobox', { name: 'Reply' })).toHaveCount(0)
      await expect(vera.page.getByRole('button', { name: 'Resolve', exact: true })).toHaveCount(0)
    } finally {
      await vera.context.close()
    }
  } finally {
    await carl.context.close()
  }
})
