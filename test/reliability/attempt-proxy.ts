/**
 * A loopback TCP proxy that records every WebSocket connection attempt per client. Clients
 * are told apart by a `wsPath` prefix `/c<n>`, which the proxy strips before forwarding.
 * While refusing, it reads the upgrade request (so the attempt is recorded) and hangs up.
 */
import { connect, createServer, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'

export interface AttemptProxy {
  readonly port: number
  /** Attempt times (ms, `Date.now()`) per client number. */
  readonly attempts: Map<number, number[]>
  accept(on: boolean): void
  close(): Promise<void>
}

export async function startAttemptProxy(upstreamPort: number): Promise<AttemptProxy> {
  const attempts = new Map<number, number[]>()
  const sockets = new Set<Socket>()
  let accepting = true
  const server = createServer((client) => {
    sockets.add(client)
    client.on('close', () => sockets.delete(client)).on('error', () => client.destroy())
    client.once('data', (chunk: Buffer) => {
      const head = chunk.toString('latin1')
      const match = /^GET \/c(\d+)\//.exec(head)
      if (match) {
        const n = Number(match[1])
        attempts.set(n, [...(attempts.get(n) ?? []), Date.now()])
      }
      if (!accepting) return void client.destroy()
      const upstream = connect(upstreamPort, '127.0.0.1')
      sockets.add(upstream)
      upstream.on('close', () => {
        sockets.delete(upstream)
        client.destroy()
      }).on('error', () => upstream.destroy())
      client.on('close', () => upstream.destroy())
      upstream.write(Buffer.from(head.replace(/^GET \/c\d+\//, 'GET /'), 'latin1'))
      client.pipe(upstream)
      upstream.pipe(client)
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {
    port: (server.address() as AddressInfo).port,
    attempts,
    accept: (on) => {
      accepting = on
    },
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy()
      server.close(() => resolve())
    }),
  }
}
