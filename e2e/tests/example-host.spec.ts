import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { test, expect } from '@playwright/test'
import { hostEditor, hostStatus, hostText, startHost, type HostSetup } from '../support/host.js'

// The embedding path end to end: apps/example-host (its own users, login and backend, which
// signs Tandem JWTs with per-document roles) next to a real Tandem server, in real Chromium.
const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), '../screenshots')

let host: HostSetup | null = null
// Playwright fixtures must destructure their dependencies, even when there are none.
// eslint-disable-next-line no-empty-pattern
test.afterEach(async ({}, testInfo) => {
  if (host && testInfo.status !== testInfo.expectedStatus) {
    await testInfo.attach('tandem-output', {
      body: host.tandem.output(),
      contentType: 'text/plain',
    })
  }
  await host?.dispose()
  host = null
})

test('an editor and a viewer in the host app: typing reaches the viewer, whose writes the server refuses', async ({
  browser,
}) => {
  host = await startHost()
  const ada = await host.signIn(browser, 'ada', 'handbook')
  const cy = await host.signIn(browser, 'cy', 'handbook')
  await expect(cy.page.getByText('Read only')).toBeVisible()

  // Ada (editor) types; Cy (viewer) sees it.
  const editable = hostEditor(ada.page, 'handbook')
  await expect(editable).toHaveAttribute('contenteditable', 'true')
  await editable.click()
  const written = 'Ada writes the handbook.'
  await ada.page.keyboard.type(written, { delay: 10 })
  await expect.poll(() => hostText(cy.page, 'handbook')).toBe(written)

  // Cy cannot type: not editable, no toolbar, keystrokes change nothing.
  const viewerArea = hostEditor(cy.page, 'handbook')
  await expect(viewerArea).toHaveAttribute('contenteditable', 'false')
  await expect(cy.page.locator('[data-doc-id="handbook"] [data-testid="toolbar"]')).toHaveCount(0)
  await viewerArea.click()
  await cy.page.keyboard.type('viewer keystrokes')
  expect(await hostText(cy.page, 'handbook')).toBe(written)
  await expect.poll(async () => (await hostStatus(cy.page, 'handbook'))?.readOnly).toBe(true)

  // A write forced into the viewer's Y.Doc (the client API, past the editor's guard): the
  // client knows the connection is read-only, keeps it on the device and sends nothing.
  await cy.page.evaluate(() => window.__host?.forceWrite('handbook', 'forced by the viewer'))
  expect(await hostText(cy.page, 'handbook')).toContain('forced by the viewer')
  await expect.poll(async () => (await hostStatus(cy.page, 'handbook'))?.unsynced).toBe(1)
  // The same write sent anyway, by a stock Hocuspocus provider with Cy's token: refused.
  const applied = await cy.page.evaluate(() =>
    window.__host?.forceWriteStock('handbook', 'sent by a tampered client'),
  )
  expect(applied).toBe(false)

  // Neither reached Ada nor the store: a fresh browser (no IndexedDB copy) reads the server.
  await expect.poll(async () => (await hostStatus(ada.page, 'handbook'))?.unsynced).toBe(0)
  const fresh = await host.signIn(browser, 'ada', 'handbook')
  await expect.poll(async () => (await hostStatus(fresh.page, 'handbook'))?.synced).toBe(true)
  expect(await hostText(fresh.page, 'handbook')).toBe(written)
  expect(await hostText(ada.page, 'handbook')).toBe(written)

  await ada.page.screenshot({ path: join(SCREENSHOTS, 'example-host-editor.png') })
  await cy.page.screenshot({ path: join(SCREENSHOTS, 'example-host-viewer.png') })
  await ada.page.getByRole('button', { name: 'Dark mode' }).click()
  await expect(ada.page.locator('[data-doc-id="handbook"] .tandem-editor')).toHaveAttribute(
    'data-theme',
    'dark',
  )
  await ada.page.screenshot({ path: join(SCREENSHOTS, 'example-host-dark.png') })
  for (const user of [ada, cy, fresh]) expect(user.errors).toEqual([])
})

test('two editors on one page share one socket, and a token that expires mid-session is refreshed with no edit lost', async ({
  browser,
}) => {
  // Three-second tokens: the session below outlives several of them.
  host = await startHost({ tokenTtlSeconds: 3 })
  const ada = await host.signIn(browser, 'ada', 'roadmap')
  const sockets: string[] = []
  const tokenFetches: string[] = []
  ada.page.on('websocket', (socket) => sockets.push(socket.url()))
  ada.page.on('request', (request) => {
    if (request.url().endsWith('/api/tandem-token')) tokenFetches.push(request.url())
  })
  // Reload so the listeners see the page's first socket.
  await ada.page.reload()
  const main = hostEditor(ada.page, 'roadmap')
  const notes = hostEditor(ada.page, 'notes-ada')
  await expect(main).toHaveAttribute('contenteditable', 'true')
  await expect(notes).toHaveAttribute('contenteditable', 'true')

  // Type into both editors for longer than two token lifetimes.
  const words: string[] = []
  const end = Date.now() + 7_000
  await main.click()
  while (Date.now() < end) {
    const word = `w${words.length} `
    words.push(word)
    await ada.page.keyboard.type(word, { delay: 20 })
  }
  await notes.click()
  await ada.page.keyboard.type('a note', { delay: 10 })
  const typed = words.join('')
  await expect.poll(async () => (await hostStatus(ada.page, 'roadmap'))?.unsynced).toBe(0)
  await expect.poll(async () => (await hostStatus(ada.page, 'notes-ada'))?.unsynced).toBe(0)

  // One socket for both editors, never replaced: the refreshed token went over it.
  expect(sockets.filter((url) => url.includes('/collab'))).toHaveLength(1)
  expect(tokenFetches.length).toBeGreaterThanOrEqual(3)
  expect((await hostStatus(ada.page, 'roadmap'))?.error).toBeUndefined()

  // Everything reached the server: a fresh browser reads it back.
  const fresh = await host.signIn(browser, 'ada', 'roadmap')
  await expect.poll(() => hostText(fresh.page, 'roadmap').catch(() => '')).toBe(typed)
  await expect.poll(() => hostText(fresh.page, 'notes-ada').catch(() => '')).toBe('a note')
  for (const user of [ada, fresh]) expect(user.errors).toEqual([])
})

test('the embedded editor keeps working offline and syncs when the network returns', async ({
  browser,
}) => {
  host = await startHost()
  const ada = await host.signIn(browser, 'ada', 'roadmap')
  const main = hostEditor(ada.page, 'roadmap')
  await expect(main).toHaveAttribute('contenteditable', 'true')
  await main.click()
  await ada.page.keyboard.type('Online first. ', { delay: 10 })
  await expect.poll(async () => (await hostStatus(ada.page, 'roadmap'))?.unsynced).toBe(0)

  await ada.context.setOffline(true)
  await expect.poll(async () => (await hostStatus(ada.page, 'roadmap'))?.connection).toBe('offline')
  await ada.page.keyboard.type('Typed offline.', { delay: 10 })
  await expect(ada.page.getByTestId('status-roadmap')).toContainText('saved on this device only')
  expect((await hostStatus(ada.page, 'roadmap'))?.unsynced).toBeGreaterThan(0)

  await ada.context.setOffline(false)
  await expect.poll(async () => (await hostStatus(ada.page, 'roadmap'))?.unsynced).toBe(0)
  const fresh = await host.signIn(browser, 'ada', 'roadmap')
  await expect
    .poll(() => hostText(fresh.page, 'roadmap').catch(() => ''))
    .toBe('Online first. Typed offline.')
  for (const user of [ada, fresh]) expect(user.errors).toEqual([])
})
