import { request } from 'node:http'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import WebSocket from 'ws'
import { createClient, type TandemClient } from '@tandem/client'
import { createServer, type TandemServer } from '@tandem/server'

/** A real Tandem server on 127.0.0.1, port 0, with a temp data dir (local mode). */
export interface TestServer {
  server: TandemServer
  url: string
  collabUrl: string
  /** Signs in a guest (POST /api/session) and returns a client for them. */
  client(name: string): Promise<TandemClient>
  close(): Promise<void>
}

export async function startTestServer(): Promise<TestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'tandem-react-'))
  const server = createServer({ port: 0, dataDir, logLevel: 'error' })
  const { url } = await server.listen()
  const collabUrl = `${url.replace('http', 'ws')}/collab`
  const clients: TandemClient[] = []
  return {
    server,
    url,
    collabUrl,
    async client(name) {
      const { token } = await postJson(`${url}/api/session`, { name })
      const client = createClient({
        url: collabUrl,
        token,
        persistence: false,
        WebSocketPolyfill: WebSocket,
      })
      clients.push(client)
      return client
    },
    async close() {
      await Promise.all(clients.map((client) => client.destroy()))
      await server.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

/** node:http, not fetch: the test environment's fetch is happy-dom's, with browser CORS rules. */
function postJson(url: string, body: unknown): Promise<{ token: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json' } },
      (res) => {
        let data = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (data += chunk))
        res.on('end', () => {
          if (res.statusCode !== 200) reject(new Error(`POST ${url}: ${res.statusCode} ${data}`))
          else resolve(JSON.parse(data) as { token: string })
        })
      },
    )
    req.on('error', reject)
    req.end(JSON.stringify(body))
  })
}
