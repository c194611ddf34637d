import { mkdir, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect, makeDataDir, startServer, waitFor, type TestServer } from './support/helpers.js'

async function post(
  url: string,
  body: string,
  contentType = 'application/json',
): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body })
}

describe('HTTP entry points (local mode)', () => {
  let srv: TestServer
  beforeAll(async () => {
    srv = await startServer({ jwtSecret: undefined })
  })
  afterAll(async () => {
    await srv.stop()
  })

  it('GET /health answers 200 JSON when ready', async () => {
    const res = await fetch(`${srv.url}/health`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('application/json')
    expect(await res.json()).toMatchObject({ status: 'ok', auth: 'local' })
  })

  it('creates the local secret file with mode 0600', async () => {
    const info = await stat(join(srv.dataDir, 'jwt-secret'))
    expect(info.mode & 0o777).toBe(0o600)
  })

  it('POST /api/session signs in a guest whose token works on /collab', async () => {
    const res = await post(`${srv.url}/api/session`, JSON.stringify({ name: '  Alice  ' }))
    expect(res.status).toBe(200)
    const body = (await res.json()) as {
      token: string
      user: { id: string; name: string; color: string }
    }
    expect(body.user.name).toBe('Alice')
    expect(body.user.id).toMatch(/^[A-Za-z0-9_-]{16}$/)
    expect(body.user.color).toMatch(/^#[0-9a-f]{6}$/i)
    const client = connect(srv.wsUrl, `inbox:${body.user.id}`, body.token)
    try {
      await waitFor(() => client.provider.isSynced, 'guest sync')
    } finally {
      client.destroy()
    }
  })

  it.each([
    ['bad JSON', '{"name": ', 'application/json', 400],
    ['wrong content type', '{"name":"A"}', 'text/plain', 415],
    ['empty name', '{"name":"   "}', 'application/json', 400],
    ['name not a string', '{"name":42}', 'application/json', 400],
    ['missing name', '{}', 'application/json', 400],
    ['array body', '[]', 'application/json', 400],
    ['name too long', JSON.stringify({ name: 'x'.repeat(65) }), 'application/json', 400],
    [
      'body too large',
      JSON.stringify({ name: 'A', pad: 'x'.repeat(17 * 1024) }),
      'application/json',
      413,
    ],
  ])('POST /api/session refuses %s with a stable code', async (_what, body, type, status) => {
    const res = await post(`${srv.url}/api/session`, body, type)
    expect(res.status).toBe(status)
    const json = (await res.json()) as { error: { code: string; message: string } }
    expect(json.error.code).toBe('bad-request')
    expect(json.error.message.length).toBeGreaterThan(0)
  })

  it('accepts a 64-character name', async () => {
    const res = await post(`${srv.url}/api/session`, JSON.stringify({ name: 'é'.repeat(64) }))
    expect(res.status).toBe(200)
  })

  it('answers unknown routes with 404 and wrong methods with 405', async () => {
    const missing = await fetch(`${srv.url}/api/nope`)
    expect(missing.status).toBe(404)
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('not-found')
    expect((await fetch(`${srv.url}/no/such/file.js`)).status).toBe(404)
    const wrong = await fetch(`${srv.url}/api/session`)
    expect(wrong.status).toBe(405)
    expect(wrong.headers.get('allow')).toBe('POST')
    expect((await fetch(`${srv.url}/health`, { method: 'DELETE' })).status).toBe(405)
    expect((await fetch(`${srv.url}/`, { method: 'PUT' })).status).toBe(405)
  })

  it('serves a placeholder page for app routes when no web app is built', async () => {
    for (const path of ['/', '/doc/abc', '/board/x_1']) {
      const res = await fetch(`${srv.url}${path}`)
      expect(res.status).toBe(200)
      expect(await res.text()).toContain('Tandem')
    }
  })

  it('GET /metrics answers Prometheus text', async () => {
    const res = await fetch(`${srv.url}/metrics`)
    expect(res.status).toBe(200)
    const text = await res.text()
    for (const name of [
      'tandem_connections',
      'tandem_documents_loaded',
      'tandem_messages_in_total',
      'tandem_bytes_out_total',
      'tandem_store_commit_seconds_bucket',
      'tandem_awareness_changes_coalesced_total',
    ]) {
      expect(text).toContain(name)
    }
  })
})

describe('HTTP with a built web app and a configured secret', () => {
  let srv: TestServer
  let webDir: string
  beforeAll(async () => {
    webDir = await makeDataDir()
    await mkdir(join(webDir, 'assets'))
    await writeFile(join(webDir, 'index.html'), '<!doctype html><title>app shell</title>')
    await writeFile(join(webDir, 'sw.js'), 'self.x = 1')
    await writeFile(join(webDir, 'assets', 'index-abc123.js'), 'console.log(1)')
    srv = await startServer({ staticDir: webDir })
  })
  afterAll(async () => {
    await srv.stop()
    await rm(webDir, { recursive: true, force: true })
  })

  it('serves index.html for app routes (no-cache) and hashed assets with a long cache', async () => {
    for (const path of ['/', '/doc/abc', '/board/b-2']) {
      const res = await fetch(`${srv.url}${path}`)
      expect(await res.text()).toContain('app shell')
      expect(res.headers.get('cache-control')).toBe('no-cache')
    }
    const asset = await fetch(`${srv.url}/assets/index-abc123.js`)
    expect(asset.headers.get('content-type')).toContain('javascript')
    expect(asset.headers.get('cache-control')).toContain('immutable')
    expect((await fetch(`${srv.url}/sw.js`)).headers.get('cache-control')).toBe('no-cache')
  })

  it('never serves files outside the web app directory', async () => {
    expect((await fetch(`${srv.url}/..%2f..%2fetc%2fpasswd`)).status).toBe(404)
    expect((await fetch(`${srv.url}/%E0%A4%A`)).status).toBe(400)
  })

  it('has no guest sign-in when a secret is configured', async () => {
    const res = await post(`${srv.url}/api/session`, JSON.stringify({ name: 'Alice' }))
    expect(res.status).toBe(404)
  })
})

describe('server lifecycle', () => {
  it('rejects listen() on a port in use with the system error and releases the database', async () => {
    const first = await startServer()
    const dataDir = await makeDataDir()
    const port = Number(new URL(first.url).port)
    const { createServer } = await import('../src/index.js')
    const second = createServer({ port, dataDir, jwtSecret: 'x'.repeat(32), logLevel: 'silent' })
    try {
      await expect(second.listen()).rejects.toMatchObject({ code: 'EADDRINUSE' })
      await second.close()
      // The data dir is free again: a server can start on it.
      const third = await startServer({ dataDir })
      await third.stop()
    } finally {
      await first.stop()
      await rm(dataDir, { recursive: true, force: true })
    }
  })
})
