import { test, expect, PHONE } from '../support/fixtures.js'
import { createDoc, editor, screenshot } from '../support/app.js'

test('sign-in refuses a blank name and keeps the session across reloads', async ({
  browser,
  server,
}) => {
  const context = await browser.newContext({ baseURL: server.url })
  const page = await context.newPage()
  await page.goto('/')
  await page.getByRole('button', { name: 'Continue as guest' }).click()
  await expect(page.getByRole('alert')).toHaveText('Please enter your name.')
  await screenshot(page, 'desktop-sign-in-error')
  await page.getByLabel('Your name').fill('Katherine Johnson')
  await page.getByRole('button', { name: 'Continue as guest' }).click()
  await expect(page.getByRole('heading', { name: 'Workspace' })).toBeVisible()
  await page.reload()
  await expect(page.getByRole('heading', { name: 'Workspace' })).toBeVisible()
  await page.getByTestId('user-menu').click()
  await page.getByTestId('sign-out').click()
  await expect(page.getByLabel('Your name')).toBeVisible()
  await context.close()
})

test('a token the server refuses: the app says so and offers to sign in again', async ({
  user,
}) => {
  const ada = await user('Ada')
  await ada.page.evaluate(() => {
    const session = JSON.parse(localStorage.getItem('tandem.session') ?? '{}') as { token: string }
    localStorage.setItem('tandem.session', JSON.stringify({ ...session, token: 'not-a-jwt' }))
  })
  await ada.page.reload()
  await expect(ada.page.getByTestId('session-banner')).toBeVisible()
  await ada.page.getByRole('button', { name: 'Sign in again' }).click()
  await expect(ada.page.getByLabel('Your name')).toBeVisible()
})

test('workspace: create, rename, search, trash and restore; shortcuts; a new board', async ({
  user,
}) => {
  const ada = await user('Ada')
  await createDoc(ada.page, 'Quarterly plan')
  await ada.page.getByRole('link', { name: 'Workspace' }).click()
  // Mod-Alt-n: a new document from anywhere.
  await ada.page.keyboard.press('Control+Alt+KeyN')
  await expect(ada.page.getByTestId('doc-page')).toBeVisible()
  await ada.page.getByTestId('doc-title').fill('Meeting notes')
  await ada.page.getByRole('link', { name: 'Workspace' }).click()
  await ada.page.getByRole('button', { name: 'New board' }).click()
  await expect(ada.page.getByTestId('board-canvas')).toBeVisible()
  await ada.page.goBack()

  const items = ada.page.getByTestId('item')
  await expect(items).toHaveCount(3)
  await ada.page.getByRole('button', { name: 'Rename Quarterly plan' }).click()
  await ada.page.getByLabel('New title for Quarterly plan').fill('Q3 plan')
  await ada.page.getByRole('button', { name: 'Save' }).click()
  await expect(items.filter({ hasText: 'Q3 plan' })).toBeVisible()
  // The title lives in the document too: renaming in the list renames the document.
  await ada.page.getByRole('link', { name: 'Q3 plan' }).click()
  await expect(ada.page.getByTestId('doc-title')).toHaveValue('Q3 plan')
  await ada.page.getByRole('link', { name: 'Workspace' }).click()

  // "/" focuses search; search is by title.
  await ada.page.locator('body').click()
  await ada.page.keyboard.press('/')
  await expect(ada.page.getByTestId('search')).toBeFocused()
  await ada.page.keyboard.type('meeting')
  await expect(items).toHaveCount(1)
  await expect(items.first()).toContainText('Meeting notes')
  await screenshot(ada.page, 'desktop-home-search')
  await ada.page.keyboard.press('Escape')
  await expect(items).toHaveCount(3)

  await ada.page.getByRole('button', { name: 'Move Meeting notes to trash' }).click()
  await expect(items).toHaveCount(2)
  await ada.page.getByTestId('trash-tab').click()
  await expect(items).toHaveCount(1)
  await ada.page.getByRole('button', { name: 'Restore Meeting notes' }).click()
  await expect(items).toHaveCount(0)
  await ada.page.getByRole('tab', { name: 'All items' }).click()
  await expect(items).toHaveCount(3)
  await screenshot(ada.page, 'desktop-home')

  await ada.page.goto('/nowhere/at/all')
  await expect(ada.page.getByRole('heading', { name: 'Page not found' })).toBeVisible()
})

test('phone width: home and document fit the screen', async ({ user }) => {
  const ada = await user('Ada', { viewport: PHONE })
  await createDoc(ada.page, 'Small screens')
  const overflow = await ada.page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  )
  expect(overflow).toBeLessThanOrEqual(0)
  await screenshot(ada.page, 'phone-doc')
  await ada.page.emulateMedia({ colorScheme: 'dark' })
  await editor(ada.page).click()
  await ada.page.keyboard.type('Dark mode follows the system.')
  await screenshot(ada.page, 'phone-doc-dark')
  await ada.page.emulateMedia({ colorScheme: 'light' })
  await ada.page.getByRole('link', { name: 'Workspace' }).click()
  await expect(ada.page.getByTestId('item')).toHaveCount(1)
  await screenshot(ada.page, 'phone-home')
})
