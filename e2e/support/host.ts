import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test'
import { freePort, startServer, type ServerProcess } from './server.js'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const HOST_MAIN = join(ROOT, 'apps/example-host/dist-server/main.js')
const HOST_INDEX = join(ROOT, 'apps/example-host/dist/index.html')
const START_TIMEOUT_MS = 20_000

/** The example host app (its backend serving its built frontend) next to a Tandem server. */
export interface HostSetup {
  readonly url: string
  readonly tandem: ServerProcess
  /** A browser context signed in to the host app as `username` (password `demo`). */
  signIn(browser: Browser, username: string, docId?: string): Promise<HostUser>
  dispose(): Promise<void>
}

export interface HostUser {
  context: BrowserContext
  page: Page
  /** Page errors and console errors other than expected network noise. */
  errors: string[]
}

const NETWORK_NOISE = [/WebSocket connection to .* failed/, /Failed to load resource/]

/** Starts Tandem (JWT mode with a shared secret) and the host backend that signs its tokens. */
export async function startHost(options: { tokenTtlSeconds?: number } = {}): Promise<HostSetup> {
  for (const built of [HOST_MAIN, HOST_INDEX]) {
    if (!existsSync(built)) throw new Error(`${built} is missing: build first (pnpm build)`)
  }
  const secret = `e2e-host-secret-${Date.now()}-${Math.random().toString(36).slice(2)}`
  const tandem = await startServer({ TANDEM_JWT_SECRET: secret })
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  let log = ''
  const child = spawn(process.execPath, [HOST_MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      TANDEM_URL: `ws://127.0.0.1:${tandem.port}/collab`,
      TANDEM_JWT_SECRET: secret,
      TANDEM_TOKEN_TTL: String(options.tokenTtlSeconds ?? 600),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()))
  const deadline = Date.now() + START_TIMEOUT_MS
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`example-host exited with ${child.exitCode}:\n${log}`)
    const up = await fetch(`${url}/api/config`).then(
      (response) => response.ok,
      () => false,
    )
    if (up) break
    if (Date.now() > deadline)
      throw new Error(`example-host not up after ${START_TIMEOUT_MS} ms:\n${log}`)
    await new Promise((wake) => setTimeout(wake, 100))
  }

  const contexts: BrowserContext[] = []
  return {
    url,
    tandem,
    async signIn(browser, username, docId) {
      const context = await browser.newContext({
        baseURL: url,
        viewport: { width: 1280, height: 800 },
      })
      contexts.push(context)
      const page = await context.newPage()
      const errors: string[] = []
      page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`))
      page.on('console', (message) => {
        if (message.type() !== 'error') return
        if (NETWORK_NOISE.some((pattern) => pattern.test(message.text()))) return
        errors.push(`console.error: ${message.text()}`)
      })
      await page.goto(docId ? `/doc/${docId}` : '/')
      await page.getByLabel('Username').fill(username)
      await page.getByLabel('Password').fill('demo')
      await page.getByRole('button', { name: 'Sign in' }).click()
      await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible()
      return { context, page, errors }
    },
    async dispose() {
      for (const context of contexts) await context.close()
      child.kill('SIGTERM')
      if (child.exitCode === null) await new Promise((done) => child.once('exit', done))
      await tandem.dispose()
    },
  }
}

/** Plain text of the document behind the host page's editor of `docId` (the Y.Doc). */
export function hostText(page: Page, docId: string): Promise<string> {
  return page.evaluate((id) => {
    const hook = window.__host
    if (!hook) throw new Error('window.__host is not installed')
    return hook.text(id)
  }, docId)
}

/** The latest status the host page's editor of `docId` reported. */
export function hostStatus(page: Page, docId: string) {
  return page.evaluate((id) => window.__host?.status(id) ?? null, docId)
}

/** The editing area of the editor of `docId` on a host page. */
export function hostEditor(page: Page, docId: string) {
  return page.locator(`[data-doc-id="${docId}"] [data-testid="editor"]`)
}

declare global {
  interface Window {
    __host?: {
      text(docId: string): string
      forceWrite(docId: string, text: string): void
      forceWriteStock(docId: string, text: string): Promise<boolean>
      status(docId: string): {
        connection: string
        synced: boolean
        unsynced: number
        readOnly: boolean
        error?: string
      } | null
    }
  }
}
