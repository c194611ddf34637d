import { test as base, expect, type BrowserContext, type Page } from '@playwright/test'
import { startServer, type ServerProcess } from './server.js'
import { signIn } from './app.js'

/** A signed-in person in their own browser context (own storage, own service worker). */
export interface User {
  name: string
  context: BrowserContext
  page: Page
  /** Uncaught page errors and console errors that are not expected network noise. */
  errors: string[]
}

/** Viewports used for screenshots and the responsive checks. */
export const PHONE = { width: 390, height: 844 }
export const DESKTOP = { width: 1280, height: 800 }

// Chromium logs failed connections itself (server down, offline): that is the network being
// down, which these tests cause on purpose, not an error of the app.
// An HTTP error status (a missing asset, a 500) is still reported: only net::ERR_ lines pass.
const NETWORK_NOISE = [/WebSocket connection to .* failed/, /Failed to load resource: net::ERR_/]

interface Fixtures {
  /** A fresh server (own port, own temp data dir) per test, so tests never see each other. */
  server: ServerProcess
  /** Opens a new signed-in user; every user is closed after the test. */
  user: (name: string, options?: { viewport?: { width: number; height: number } }) => Promise<User>
}

export const test = base.extend<Fixtures>({
  // Playwright fixtures must destructure their dependencies, even when there are none.
  // eslint-disable-next-line no-empty-pattern
  server: async ({}, use, testInfo) => {
    const server = await startServer()
    await use(server)
    if (testInfo.status !== testInfo.expectedStatus) {
      await testInfo.attach('server-output', { body: server.output(), contentType: 'text/plain' })
    }
    await server.dispose()
  },
  user: async ({ browser, server }, use) => {
    const users: User[] = []
    await use(async (name, options = {}) => {
      const context = await browser.newContext({
        baseURL: server.url,
        viewport: options.viewport ?? DESKTOP,
      })
      const page = await context.newPage()
      const user: User = { name, context, page, errors: [] }
      page.on('pageerror', (error) => user.errors.push(`pageerror: ${error.message}`))
      page.on('console', (message) => {
        if (message.type() !== 'error') return
        const text = message.text()
        if (NETWORK_NOISE.some((pattern) => pattern.test(text))) return
        user.errors.push(`console.error: ${text}`)
      })
      users.push(user)
      await signIn(page, name)
      return user
    })
    // Close everything first, so a failed check below never leaves a context running.
    for (const user of users) await user.context.close()
    for (const user of users) expect(user.errors, `errors in ${user.name}'s page`).toEqual([])
  },
})

export { expect }
