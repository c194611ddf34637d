import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { richTextDoc } from '@tandem/schema'
import { OPENAPI_DOCUMENT } from '../src/http/rest/openapi.js'
import {
  connect,
  signToken,
  startServer,
  waitFor,
  waitForAcked,
  type TestServer,
} from './support/helpers.js'
import { storedDoc } from './support/stored.js'

// Routes served outside the REST router (routes.ts) that the OpenAPI document also describes.
const BUILT_IN_API_ROUTES = ['POST /api/session']

describe('REST API', () => {
  let srv: TestServer
  let editor: string
  let viewer: string
  const api = (
    path: string,
    init: RequestInit & { token?: string | null } = {},
  ): Promise<Response> => {
    const headers = new Headers(init.headers)
    const token = init.token === undefined ? editor : init.token
    if (token !== null) headers.set('authorization', `Bearer ${token}`)
    return fetch(`${srv.url}${path}`, { ...init, headers })
  }
  const put = (
    path: string,
    body: string,
    type = 'text/markdown',
    token?: string,
  ): Promise<Response> =>
    api(path, { method: 'PUT', body, headers: { 'content-type': type }, token })

  beforeAll(async () => {
    srv = await startServer({ api: { maxBodyBytes: 64 * 1024 } })
    editor = await signToken({ sub: 'ed', name: 'Edith', roles: { '*': 'editor' } })
    viewer = await signToken({ sub: 'vi', roles: { '*': 'viewer' } })
  })
  afterAll(async () => {
    await srv.stop()
  })

  it('creates a document from Markdown, stored before the answer, and reads it in every format', async () => {
    const res = await put(
      '/api/docs/doc:plan?workspace=main&title=Plan',
      '# Plan\n\nShip **it**.\n',
    )
    expect(res.status).toBe(201)
    expect(await res.json()).toEqual({ name: 'doc:plan', created: true })
    // Stored before the 201: the store alone holds the content.
    const stored = storedDoc(await srv.server.store.load('doc:plan'))
    expect(richTextDoc(stored).plainText()).toBe('Plan\nShip it.')
    expect(richTextDoc(stored).title).toBe('Plan')

    const md = await api('/api/docs/doc:plan?format=markdown')
    expect(md.headers.get('content-type')).toContain('text/markdown')
    expect(await md.text()).toBe('# Plan\n\nShip **it**.\n')
    expect(await (await api('/api/docs/doc:plan?format=html')).text()).toBe(
      '<h1>Plan</h1><p>Ship <strong>it</strong>.</p>',
    )
    expect(await (await api('/api/docs/doc:plan?format=text')).text()).toBe('Plan\nShip it.')
    const json = (await (await api('/api/docs/doc:plan')).json()) as Record<string, unknown>
    expect(json).toMatchObject({ name: 'doc:plan', title: 'Plan', content: { type: 'doc' } })

    const list = (await (await api('/api/workspaces/main/docs')).json()) as {
      docs: { name: string; title: string }[]
    }
    expect(list.docs).toContainEqual(expect.objectContaining({ name: 'doc:plan', title: 'Plan' }))
  })

  it('replaces and appends as changes that a connected client receives live', async () => {
    const client = connect(srv.wsUrl, 'doc:live', editor)
    try {
      await waitFor(() => client.provider.isSynced, 'sync')
      expect(
        (await put('/api/docs/doc:live', '<p>from <em>html</em></p>', 'text/html')).status,
      ).toBe(201)
      await waitFor(() => richTextDoc(client.doc).plainText() === 'from html', 'live replace')
      const res = await api('/api/docs/doc:live/content', {
        method: 'POST',
        body: 'line one\nline two',
        headers: { 'content-type': 'text/plain' },
      })
      expect(res.status).toBe(200)
      await waitFor(
        () => richTextDoc(client.doc).plainText() === 'from html\nline one\nline two',
        'live append',
      )
      // The client's own edit and the REST read agree.
      client.doc.getXmlFragment('content').delete(0, 1)
      await waitForAcked(client)
      expect(await (await api('/api/docs/doc:live?format=text')).text()).toBe('line one\nline two')
      expect((await put('/api/docs/doc:live', 'again')).status).toBe(200)
      await waitFor(() => richTextDoc(client.doc).plainText() === 'again', 'second replace')
    } finally {
      client.destroy()
    }
  })

  it('reads a document that is not loaded from the store after a restart', async () => {
    await put('/api/docs/doc:durable', 'kept')
    await srv.stop({ keepData: true })
    srv = await startServer({ dataDir: srv.dataDir, api: { maxBodyBytes: 64 * 1024 } })
    expect(await (await api('/api/docs/doc:durable?format=text')).text()).toBe('kept')
  })

  it('enforces roles: a viewer reads but cannot write', async () => {
    await put('/api/docs/doc:roles', 'text')
    expect((await api('/api/docs/doc:roles', { token: viewer })).status).toBe(200)
    const res = await put('/api/docs/doc:roles', 'overwrite', 'text/markdown', viewer)
    expect(res.status).toBe(403)
    expect(await res.json()).toEqual({ error: { code: 'read-only', message: expect.any(String) } })
    const append = await api('/api/docs/doc:roles/content', {
      method: 'POST',
      body: 'x',
      headers: { 'content-type': 'text/plain' },
      token: viewer,
    })
    expect(append.status).toBe(403)
    expect(await (await api('/api/docs/doc:roles?format=text')).text()).toBe('text')
    const stranger = await signToken({ sub: 'st', roles: { 'doc:roles': 'viewer' } })
    // Listing in a workspace needs editor there too.
    const listed = await put('/api/docs/doc:roles?workspace=main', 'y', 'text/markdown', stranger)
    expect(listed.status).toBe(403)
  })

  it.each([
    ['no token', '/api/docs/doc:plan', { token: null }, 401, 'unauthorized'],
    [
      'bad scheme',
      '/api/docs/doc:plan',
      { token: null, headers: { authorization: 'Basic x' } },
      401,
      'unauthorized',
    ],
    ['bad token', '/api/docs/doc:plan', { token: 'nope' }, 401, 'unauthorized'],
    ['invalid name', '/api/docs/doc:bad%20name', {}, 400, 'invalid-document-name'],
    ['unknown kind', '/api/docs/page:x', {}, 400, 'invalid-document-name'],
    ['bad encoding', '/api/docs/doc:%E0%A4%A', {}, 400, 'bad-request'],
    ['never written', '/api/docs/doc:nothing', {}, 404, 'not-found'],
    ['bad format', '/api/docs/doc:plan?format=pdf', {}, 400, 'bad-request'],
    ['markdown of a workspace', '/api/docs/workspace:main?format=markdown', {}, 400, 'bad-request'],
    ['bad workspace id', '/api/workspaces/a.b/docs', {}, 400, 'invalid-document-name'],
    ['bad boolean', '/api/workspaces/main/docs?trashed=yes', {}, 400, 'bad-request'],
    ['unknown route', '/api/nothing', {}, 404, 'not-found'],
    ['wrong method', '/api/docs/doc:plan', { method: 'DELETE' }, 405, 'bad-request'],
    [
      'wrong content type',
      '/api/docs/doc:plan',
      { method: 'PUT', body: '{}', headers: { 'content-type': 'application/json' } },
      415,
      'bad-request',
    ],
    [
      'body too large',
      '/api/docs/doc:plan',
      { method: 'PUT', body: 'x'.repeat(70_000), headers: { 'content-type': 'text/plain' } },
      413,
      'bad-request',
    ],
    [
      'invalid UTF-8',
      '/api/docs/doc:plan',
      {
        method: 'PUT',
        body: new Uint8Array([0xff, 0xfe]),
        headers: { 'content-type': 'text/plain' },
      },
      400,
      'bad-request',
    ],
    [
      'title too long',
      `/api/docs/doc:plan?title=${'t'.repeat(201)}`,
      { method: 'PUT', body: 'x', headers: { 'content-type': 'text/plain' } },
      400,
      'bad-request',
    ],
    [
      'append to a missing doc',
      '/api/docs/doc:missing/content',
      { method: 'POST', body: 'x', headers: { 'content-type': 'text/plain' } },
      404,
      'not-found',
    ],
    [
      'put to a board',
      '/api/docs/board:b',
      { method: 'PUT', body: 'x', headers: { 'content-type': 'text/plain' } },
      400,
      'bad-request',
    ],
  ] as const)('refuses %s with a JSON error', async (_, path, init, status, code) => {
    const res = await api(path, init as RequestInit & { token?: string | null })
    expect(res.status).toBe(status)
    expect(await res.json()).toEqual({ error: { code, message: expect.any(String) } })
  })

  it('an expired token gets token-expired', async () => {
    const expired = await signToken({ sub: 'ed' }, { expiresInSeconds: -10 })
    const res = await api('/api/docs/doc:plan', { token: expired })
    expect(res.status).toBe(401)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('token-expired')
  })

  it('a refused write changes nothing', async () => {
    await put('/api/docs/doc:untouched', 'original')
    await put('/api/docs/doc:untouched', 'x'.repeat(70_000), 'text/plain')
    await put('/api/docs/doc:untouched', 'y', 'application/json')
    expect(await (await api('/api/docs/doc:untouched?format=text')).text()).toBe('original')
  })

  it('GET /api/openapi.json describes exactly the routes the router serves', async () => {
    const res = await fetch(`${srv.url}/api/openapi.json`)
    expect(res.status).toBe(200)
    const doc = (await res.json()) as typeof OPENAPI_DOCUMENT
    const described = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .sort()
    const routes = srv.server.apiRoutes.map((r) => `${r.method} ${r.path}`)
    expect(described).toEqual([...routes, ...BUILT_IN_API_ROUTES].sort())
  })
})
