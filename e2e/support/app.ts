import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, type Locator, type Page } from '@playwright/test'

const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), '../screenshots')

/** The web app's test hook (apps/web/src/testHook.ts) as seen from inside the page. */
export interface TestHookView {
  text(name: string): Promise<string>
  title(name: string): Promise<string>
  entries(
    name: string,
  ): Promise<{ id: string; title: string; kind: string; trashed: number | null }[]>
}

/** Signs in through the UI and waits for the workspace home. */
export async function signIn(page: Page, name: string): Promise<void> {
  await page.goto('/')
  await page.getByLabel('Your name').fill(name)
  await page.getByRole('button', { name: 'Continue as guest' }).click()
  await expect(page.getByRole('heading', { name: 'Workspace' })).toBeVisible()
}

/** The editable area of the editor on a document page. */
export function editor(page: Page): Locator {
  return page.locator('[data-testid="editor"] [contenteditable="true"]')
}

/** Creates a document from the home page with `title`; returns its id (on its page). */
export async function createDoc(page: Page, title: string): Promise<string> {
  await page.getByTestId('new-doc').click()
  await expect(page.getByTestId('doc-page')).toBeVisible()
  const id = await page.getByTestId('doc-page').getAttribute('data-doc-id')
  if (!id) throw new Error('doc page without data-doc-id')
  await page.getByTestId('doc-title').fill(title)
  await expect(editor(page)).toBeVisible()
  return id
}

/** Opens `/doc/<id>` and waits for the editor. */
export async function openDoc(page: Page, id: string): Promise<void> {
  await page.goto(`/doc/${id}`)
  await expect(editor(page)).toBeVisible()
}

/** Plain text of `doc:<id>` read from this page's Y.Doc (the test hook), not from the DOM. */
export async function docText(page: Page, id: string): Promise<string> {
  return page.evaluate(async (name) => {
    const hook = (window as unknown as { __tandem?: TestHookView }).__tandem
    if (!hook) throw new Error('window.__tandem is not installed')
    return hook.text(name)
  }, `doc:${id}`)
}

/** Titles of the workspace items this page's replica holds (trashed included). */
export async function workspaceTitles(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const hook = (window as unknown as { __tandem?: TestHookView }).__tandem
    if (!hook) throw new Error('window.__tandem is not installed')
    return (await hook.entries('workspace:main')).map((entry) => entry.title)
  })
}

/** Waits until the page says every change is stored on the server, and is online. */
export async function expectAllSaved(page: Page, timeout = 20_000): Promise<void> {
  await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'online', { timeout })
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved to server', {
    timeout,
  })
}

/** True when every character of `typed` appears in `text` in order (a subsequence). */
export function containsInOrder(text: string, typed: string): boolean {
  let at = 0
  for (const char of text) if (char === typed[at]) at += 1
  return at === typed.length
}

/** Waits for a service worker to control the page, so the next load works offline. */
export async function waitForOfflineReady(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, undefined, {
    timeout: 20_000,
  })
}

/** Saves a screenshot under e2e/screenshots/ (gitignored). */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false })
}
