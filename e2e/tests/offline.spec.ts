import type { Page } from '@playwright/test'
import { test, expect, PHONE } from '../support/fixtures.js'
import {
  containsInOrder,
  createDoc,
  docText,
  editor,
  expectAllSaved,
  openDoc,
  screenshot,
  waitForOfflineReady,
  workspaceTitles,
} from '../support/app.js'

test('offline edits to the same paragraph converge when the network returns', async ({ user }) => {
  const ada = await user('Ada')
  const grace = await user('Grace')
  const id = await createDoc(ada.page, 'Field report')
  await editor(ada.page).click()
  await ada.page.keyboard.type('Water level normal.')
  await expectAllSaved(ada.page)
  await openDoc(grace.page, id)
  await expect.poll(() => docText(grace.page, id)).toBe('Water level normal.')

  await ada.context.setOffline(true)
  await expect(ada.page.getByTestId('connection')).toHaveAttribute('data-state', 'offline')
  // Both edit the one paragraph: Ada at its end (offline), Grace at its start (online).
  await editor(ada.page).click()
  await ada.page.keyboard.press('End')
  await ada.page.keyboard.type(' Pump 3 is down.')
  await editor(grace.page).click()
  await grace.page.keyboard.press('Home')
  await grace.page.keyboard.type('Day 2: ')
  await expect(ada.page.getByTestId('save-state')).toHaveText(
    /^\d+ changes? saved on this device only$/,
  )
  await screenshot(ada.page, 'desktop-offline-unsynced')

  await ada.context.setOffline(false)
  // The client follows the window's online event: back within 5 s, not after a long backoff.
  await expectAllSaved(ada.page, 5_000)
  await expect
    .poll(async () => (await docText(ada.page, id)) === (await docText(grace.page, id)))
    .toBe(true)
  const text = await docText(grace.page, id)
  expect(text).toContain('Day 2: ')
  expect(text).toContain(' Pump 3 is down.')
  expect(containsInOrder(text, 'Water level normal.')).toBe(true)
})

/** Creates a document with text while online, waits until it is stored, goes back home. */
async function createDocAndLeave(page: Page, title: string, text: string): Promise<void> {
  await page.getByRole('link', { name: 'Workspace' }).click()
  const id = await createDoc(page, title)
  await editor(page).click()
  await page.keyboard.type(text)
  await expectAllSaved(page)
  expect(await docText(page, id)).toBe(text)
  await page.getByRole('link', { name: 'Workspace' }).click()
}

test('reload with no network: the app and the document come back from the device', async ({
  user,
}) => {
  const ada = await user('Ada', { viewport: PHONE })
  const id = await createDoc(ada.page, 'Offline handbook')
  await editor(ada.page).click()
  await ada.page.keyboard.type('Saved on this phone.')
  await expectAllSaved(ada.page)
  await waitForOfflineReady(ada.page)
  await screenshot(ada.page, 'phone-doc-online')

  await ada.context.setOffline(true)
  await ada.page.reload()
  await expect(ada.page.getByTestId('connection')).toHaveAttribute('data-state', 'offline')
  await expect(editor(ada.page)).toContainText('Saved on this phone.')
  expect(await docText(ada.page, id)).toBe('Saved on this phone.')
  await expect(ada.page.getByTestId('doc-title')).toHaveValue('Offline handbook')
  await editor(ada.page).click()
  await ada.page.keyboard.press('End')
  await ada.page.keyboard.type(' And edited offline.')
  await screenshot(ada.page, 'phone-doc-offline')

  await ada.context.setOffline(false)
  await expectAllSaved(ada.page)
  expect(await docText(ada.page, id)).toBe('Saved on this phone. And edited offline.')

  // Any document visited before opens from the device, not only the last one.
  await createDocAndLeave(ada.page, 'Visited later', 'Another one.')
  await ada.context.setOffline(true)
  await ada.page.goto('/')
  await ada.page.getByRole('link', { name: 'Offline handbook' }).click()
  await expect(editor(ada.page)).toContainText('Saved on this phone. And edited offline.')
  await ada.context.setOffline(false)
  await expectAllSaved(ada.page)
})

test('a document created offline shows up for others once back online', async ({ user }) => {
  const ada = await user('Ada')
  const grace = await user('Grace', { viewport: PHONE })
  await waitForOfflineReady(ada.page)
  await ada.context.setOffline(true)
  await expect(ada.page.getByTestId('connection')).toHaveAttribute('data-state', 'offline')
  const id = await createDoc(ada.page, 'Written on the train')
  await editor(ada.page).click()
  await ada.page.keyboard.type('No signal here.')
  await ada.page.getByRole('link', { name: 'Workspace' }).click()
  await expect(
    ada.page.getByTestId('item').filter({ hasText: 'Written on the train' }),
  ).toBeVisible()
  await screenshot(ada.page, 'desktop-home-offline')
  expect(await workspaceTitles(grace.page)).not.toContain('Written on the train')

  await ada.context.setOffline(false)
  await expect(
    grace.page.getByTestId('item').filter({ hasText: 'Written on the train' }),
  ).toBeVisible()
  await screenshot(grace.page, 'phone-home-online')
  await grace.page.getByRole('link', { name: 'Written on the train' }).click()
  await expect.poll(() => docText(grace.page, id)).toBe('No signal here.')
})

test('a listed document never opened on this device says so offline, and loads once online', async ({
  user,
}) => {
  const ada = await user('Ada')
  const grace = await user('Grace')
  const id = await createDoc(ada.page, 'Only on the server')
  await editor(ada.page).click()
  await ada.page.keyboard.type('Grace has not opened this yet.')
  await expectAllSaved(ada.page)
  await expect(
    grace.page.getByTestId('item').filter({ hasText: 'Only on the server' }),
  ).toBeVisible()

  await grace.context.setOffline(true)
  await expect(grace.page.getByTestId('connection')).toHaveAttribute('data-state', 'offline')
  await grace.page.getByRole('link', { name: 'Only on the server' }).click()
  await expect(grace.page.getByTestId('notice-not-here')).toBeVisible()
  await screenshot(grace.page, 'desktop-doc-not-on-device')
  await grace.context.setOffline(false)
  await expect.poll(() => docText(grace.page, id)).toBe('Grace has not opened this yet.')
  await expect(grace.page.getByTestId('notice-not-here')).toHaveCount(0)
})
