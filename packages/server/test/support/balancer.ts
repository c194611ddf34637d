import { connect, createServer, type Server, type Socket } from 'node:net'

/** A TCP load balancer on 127.0.0.1 (what nginx or haproxy do in front of the instances). */
export interface TestBalancer {
  port: number
  /** Backend ports, tried round-robin; a backend that refuses is skipped for that connection. */
  backends: number[]
  close(): Promise<void>
}

/**
 * Round-robin TCP proxy: each new connection goes to the next backend that accepts it, and
 * closing either side closes the other, so a client of a killed instance reconnects through the
 * balancer and lands on a live one.
 */
export async function startBalancer(backends: number[]): Promise<TestBalancer> {
  let next = 0
  const open = new Set<Socket>()
  const server: Server = createServer((client) => {
    open.add(client)
    client.on('close', () => open.delete(client))
    client.on('error', () => client.destroy())
    client.pause()
    const order = backends.map((_, i) => backends[(next + i) % backends.length]!)
    next = (next + 1) % Math.max(1, backends.length)
    const attempt = (i: number): void => {
      const port = order[i]
      if (port === undefined) return void client.destroy()
      const upstream = connect(port, '127.0.0.1')
      let connected = false
      upstream.on('error', () => {
        upstream.destroy()
        if (!connected) attempt(i + 1)
        else client.destroy()
      })
      upstream.once('connect', () => {
        connected = true
        open.add(upstream)
        upstream.on('close', () => {
          open.delete(upstream)
          client.destroy()
        })
        client.on('close', () => upstream.destroy())
        client.pipe(upstream)
        upstream.pipe(client)
        client.resume()
      })
    }
    attempt(0)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    port,
    backends,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy()
        server.close(() => resolve())
      }),
  }
}
