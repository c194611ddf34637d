import { createHmac } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, type Page } from '@playwright/test'

/** What the web app's test hook reports of comments, chat and members. */
interface ConversationHook {
  threads(name: string): Promise<
    {
      id: string
      quote: string
      resolved: boolean
      comments: { id: string; author: string; body: string; deleted: boolean }[]
    }[]
  >
  messages(name: string): Promise<{ id: string; body: string; author: { name: string } }[]>
  members(name: string): Promise<{ id: string; name: string }[]>
}

async function hook<T>(page: Page, run: string, name: string): Promise<T> {
  return page.evaluate(
    async ([method, doc]) => {
      const h = (window as unknown as { __tandem?: Record<string, (n: string) => unknown> })
        .__tandem
      if (!h) throw new Error('window.__tandem is not installed')
      const fn = h[method as string]
      if (!fn) throw new Error(`__tandem.${method} is missing`)
      return fn(doc as string) as T
    },
    [run, name],
  ) as Promise<T>
}

/** The comment threads of doc `id`, from this page's replica of `comments:<id>`. */
export function threads(page: Page, id: string) {
  return hook<Awaited<ReturnType<ConversationHook['threads']>>>(page, 'threads', `comments:${id}`)
}

/** The messages of a chat room, from this page's replica. */
export function messages(page: Page, room: string) {
  return hook<Awaited<ReturnType<ConversationHook['messages']>>>(page, 'messages', room)
}

/** The members of the app's workspace. */
export function members(page: Page) {
  return hook<Awaited<ReturnType<ConversationHook['members']>>>(page, 'members', 'workspace:main')
}

/** Selects the first occurrence of `text` in the editor through the DOM (works read-only too). */
export async function selectText(page: Page, text: string): Promise<void> {
  await page.evaluate((wanted) => {
    const root = document.querySelector('[data-testid="editor"] .ProseMirror')
    if (!root) throw new Error('no editor')
    // Highlights split the text into several nodes: search their concatenation.
    const nodes: Text[] = []
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text)
    const all = nodes.map((node) => node.data).join('')
    const start = all.indexOf(wanted)
    if (start < 0) throw new Error(`"${wanted}" is not in the editor`)
    const locate = (offset: number, end: boolean): [Text, number] => {
      let at = 0
      for (const node of nodes) {
        const next = at + node.data.length
        if (offset < next || (end && offset === next)) return [node, offset - at]
        at = next
      }
      throw new Error('offset out of range')
    }
    const range = document.createRange()
    range.setStart(...locate(start, false))
    range.setEnd(...locate(start + wanted.length, true))
    const selection = window.getSelection()
    selection?.removeAllRanges()
    selection?.addRange(range)
  }, text)
  // ProseMirror takes over the DOM selection on selectionchange (the next task).
  await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe(text)
}

/** Writes a comment on `text` through the "Comment" button. */
export async function commentOn(page: Page, text: string, body: string): Promise<void> {
  await selectText(page, text)
  await page.getByRole('button', { name: 'Comment', exact: true }).click()
  const box = page.getByRole('combobox', { name: 'New comment' })
  await expect(box).toBeFocused()
  await box.fill(body)
  await box.press('Enter')
  await expect(page.getByTestId('new-thread')).toHaveCount(0)
}

/** Appends messages to a chat room in one transaction (the test hook's appendMessages). */
export async function appendMessages(
  page: Page,
  room: string,
  author: { id: string; name: string },
  bodies: string[],
): Promise<number> {
  return page.evaluate(
    async ({ room, author, bodies }) => {
      const h = (
        window as unknown as {
          __tandem?: {
            appendMessages(r: string, a: { id: string; name: string }, b: string[]): Promise<number>
          }
        }
      ).__tandem
      if (!h) throw new Error('window.__tandem is not installed')
      return h.appendMessages(room, author, bodies)
    },
    { room, author, bodies },
  )
}

/**
 * A token for `user` with `roles`, signed with the test server's local-mode secret (what a
 * host app's backend would sign when embedding), so tests can sign in as commenter or viewer.
 */
export async function signedToken(
  dataDir: string,
  user: { id: string; name: string },
  roles: Record<string, string>,
): Promise<string> {
  const secret = (await readFile(join(dataDir, 'jwt-secret'), 'utf8')).trim()
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
  const body = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({
    sub: user.id,
    name: user.name,
    roles,
    exp: Math.floor(Date.now() / 1000) + 3600,
  })}`
  const signature = createHmac('sha256', secret).update(body).digest('base64url')
  return `${body}.${signature}`
}
