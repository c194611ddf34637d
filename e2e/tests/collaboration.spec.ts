import { test, expect } from '../support/fixtures.js'
import {
  containsInOrder,
  createDoc,
  docText,
  editor,
  expectAllSaved,
  openDoc,
  screenshot,
} from '../support/app.js'

test('two people type into one document at once: same text, every keystroke, named carets', async ({
  user,
}) => {
  const ada = await user('Ada Lovelace')
  const grace = await user('Grace Hopper')
  const id = await createDoc(ada.page, 'Launch plan')
  await openDoc(grace.page, id)
  await expect(grace.page.getByTestId('doc-title')).toHaveValue('Launch plan')

  await editor(ada.page).click()
  await editor(grace.page).click()
  const fromAda = 'Ada writes the engine notes. '
  const fromGrace = 'Grace compiles the first draft. '
  await Promise.all([
    ada.page.keyboard.type(fromAda, { delay: 15 }),
    grace.page.keyboard.type(fromGrace, { delay: 15 }),
  ])

  // Converged: both replicas hold the same text, and neither lost a keystroke.
  await expect
    .poll(async () => (await docText(ada.page, id)) === (await docText(grace.page, id)))
    .toBe(true)
  let text = await docText(ada.page, id)
  expect(containsInOrder(text, fromAda), text).toBe(true)
  expect(containsInOrder(text, fromGrace), text).toBe(true)
  await expectAllSaved(ada.page)
  await expectAllSaved(grace.page)

  // Again, both at the very same spot: the end of the last paragraph.
  const moreAda = 'and Ada adds more'
  const moreGrace = 'while Grace adds too'
  for (const page of [ada.page, grace.page]) {
    await editor(page).click()
    await page.keyboard.press('Control+End')
  }
  await Promise.all([
    ada.page.keyboard.type(moreAda, { delay: 15 }),
    grace.page.keyboard.type(moreGrace, { delay: 15 }),
  ])
  await expect
    .poll(async () => (await docText(ada.page, id)) === (await docText(grace.page, id)))
    .toBe(true)
  text = await docText(grace.page, id)
  for (const typed of [fromAda, fromGrace, moreAda, moreGrace]) {
    expect(containsInOrder(text, typed), text).toBe(true)
  }
  await expectAllSaved(ada.page)
  await expectAllSaved(grace.page)

  // Each sees the other's caret, labelled with the other's name, and their avatar.
  await expect(
    ada.page.locator('.collaboration-carets__label', { hasText: 'Grace Hopper' }),
  ).toBeVisible()
  await expect(
    grace.page.locator('.collaboration-carets__label', { hasText: 'Ada Lovelace' }),
  ).toBeVisible()
  await expect(ada.page.locator('[data-testid="avatar"][data-name="Grace Hopper"]')).toBeVisible()
  await expect(ada.page.getByTestId('word-count')).toContainText('words')
  await screenshot(ada.page, 'desktop-two-users-ada')
  await screenshot(grace.page, 'desktop-two-users-grace')
})

test('a fresh visitor gets the whole document from the server', async ({ user }) => {
  const ada = await user('Ada')
  const id = await createDoc(ada.page, 'Notes')
  await editor(ada.page).click()
  await ada.page.keyboard.type('Stored on the server.')
  await expectAllSaved(ada.page)
  const late = await user('Late Larry')
  await openDoc(late.page, id)
  await expect.poll(() => docText(late.page, id)).toBe('Stored on the server.')
  await expect(late.page.getByTestId('doc-title')).toHaveValue('Notes')

  // The share link is this page's URL, so it opens the same document for anyone.
  await ada.context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await ada.page.getByTestId('share').click()
  await expect(ada.page.getByTestId('share')).toHaveText('Link copied')
  const link = await ada.page.evaluate(() => navigator.clipboard.readText())
  expect(link).toBe(late.page.url())
})
