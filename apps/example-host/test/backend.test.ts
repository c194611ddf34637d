import { createServer, type Server } from 'node:http'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { TokenAuthority } from '@tandem/server'
import { canWrite, resolveRole } from '@tandem/schema'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { configFromEnv } from '../server/config.js'
import { createHandler } from '../server/routes.js'

// The example host's backend on port 0: its login, its session cookie and the Tandem tokens it
// signs, checked with Tandem's own verifier (the one the server runs).
const SECRET = 'example-host-test-secret-0123456789'
let server: Server
let base: string
let appDir: string

beforeAll(async () => {
  appDir = await mkdtemp(join(tmpdir(), 'example-host-'))
  const config = configFromEnv({ TANDEM_JWT_SECRET: SECRET, PORT: '0' }, appDir)
  server = createServer(createHandler(config))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('no address')
  base = `http://127.0.0.1:${address.port}`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
  await rm(appDir, { recursive: true, force: true })
})

async function login(username: string, password = 'demo'): Promise<Response> {
  return fetch(`${base}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
}

async function tokenOf(username: string): Promise<string> {
  const response = await login(username)
  expect(response.status).toBe(200)
  const cookie = response.headers.get('set-cookie')?.split(';')[0] ?? ''
  const token = await fetch(`${base}/api/tandem-token`, { headers: { cookie } })
  expect(token.status).toBe(200)
  return token.text()
}

describe('example host backend', () => {
  it('signs Tandem tokens with per-document roles that Tandem accepts', async () => {
    const verifier = new TokenAuthority({ secret: new TextEncoder().encode(SECRET) })
    const ada = await verifier.verify(await tokenOf('ada'))
    expect(ada).toMatchObject({ sub: 'ada', name: 'Ada Lovelace', color: '#e5484d' })
    expect(ada.exp! - Date.now() / 1000).toBeGreaterThan(590)
    const cy = await verifier.verify(await tokenOf('cy'))
    const bob = await verifier.verify(await tokenOf('bob'))
    const role = (claims: typeof ada, doc: string) => resolveRole(claims.roles, doc)!
    expect(canWrite('doc', role(ada, 'doc:handbook'))).toBe(true)
    expect(role(bob, 'doc:handbook')).toBe('commenter')
    expect(canWrite('doc', role(bob, 'doc:handbook'))).toBe(false)
    expect(role(cy, 'doc:handbook')).toBe('viewer')
    expect(canWrite('doc', role(cy, 'doc:notes-cy'))).toBe(true)
    // Nobody gets a role on someone else's notes.
    expect(resolveRole(cy.roles, 'doc:notes-ada')).toBeUndefined()
  })

  it('refuses bad input with a typed error and no session', async () => {
    const codeOf = async (response: Response) => [
      response.status,
      ((await response.json()) as { error: { code: string } }).error.code,
    ]
    expect(await codeOf(await login('ada', 'wrong'))).toEqual([401, 'unauthorized'])
    expect(await codeOf(await login('mallory'))).toEqual([401, 'unauthorized'])
    const post = (body: string) => fetch(`${base}/api/login`, { method: 'POST', body })
    expect(await codeOf(await post('not json'))).toEqual([400, 'bad-request'])
    expect(await codeOf(await post('[1]'))).toEqual([400, 'bad-request'])
    expect(await codeOf(await post(JSON.stringify({ username: 'x'.repeat(5000) })))).toEqual([
      400,
      'bad-request',
    ])
    expect(await codeOf(await fetch(`${base}/api/login`))).toEqual([405, 'method-not-allowed'])
    expect(await codeOf(await fetch(`${base}/api/tandem-token`))).toEqual([401, 'unauthorized'])
    const forged = { headers: { cookie: 'host_session=forged' } }
    expect(await codeOf(await fetch(`${base}/api/tandem-token`, forged))).toEqual([
      401,
      'unauthorized',
    ])
    expect(await codeOf(await fetch(`${base}/api/nothing`))).toEqual([404, 'not-found'])
  })

  it('serves the built frontend and nothing outside it', async () => {
    await writeFile(join(appDir, 'secret.txt'), 'not for the web')
    for (const path of ['/%2e%2e/secret.txt', '/..%2fsecret.txt', '/..%5csecret.txt']) {
      const response = await fetch(`${base}${path}`)
      expect(response.status, path).not.toBe(200)
      expect(await response.text()).not.toContain('not for the web')
    }
    // No build in this temp dir: the shell says how to build it.
    expect((await fetch(`${base}/doc/handbook`)).status).toBe(503)
  })

  it('names the missing secret instead of starting without one', () => {
    expect(() => configFromEnv({ TANDEM_DATA_DIR: '/nonexistent' }, appDir)).toThrow(
      /TANDEM_JWT_SECRET/,
    )
    expect(() => configFromEnv({ TANDEM_JWT_SECRET: 's', TANDEM_URL: 'http://x' }, appDir)).toThrow(
      /TANDEM_URL/,
    )
  })
})
