/**
 * A channel auth endpoint on 127.0.0.1 whose behaviour the test switches at run time:
 * healthy (signs with the `pusher` SDK), HTTP 500, 403, never answering, invalid JSON, or
 * JSON without the required fields. Counts requests per socket id.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type Pusher from 'pusher'

export type AuthMode = 'ok' | 'http-500' | 'http-403' | 'hang' | 'invalid-json' | 'missing-fields'

export interface AuthEndpoint {
  readonly url: string
  mode: AuthMode
  /** Requests per socket id. */
  readonly hits: Map<string, number>
  total(): number
  close(): Promise<void>
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let body = ''
  for await (const chunk of req) body += String(chunk)
  return new URLSearchParams(body)
}

export async function startAuthEndpoint(sdk: Pusher, presence?: (socketId: string) => { user_id: string }): Promise<AuthEndpoint> {
  const hits = new Map<string, number>()
  const hanging = new Set<ServerResponse>()
  const endpoint = { mode: 'ok' as AuthMode }
  const server = createServer((req, res) => {
    void readForm(req).then((form) => {
      const socketId = form.get('socket_id') ?? ''
      const channel = form.get('channel_name') ?? ''
      hits.set(socketId, (hits.get(socketId) ?? 0) + 1)
      const json = (status: number, body: string) => res.writeHead(status, { 'Content-Type': 'application/json' }).end(body)
      switch (endpoint.mode) {
        case 'http-500':
          return json(500, '{"error":"boom"}')
        case 'http-403':
          return json(403, '{"error":"forbidden"}')
        case 'hang':
          return void hanging.add(res)
        case 'invalid-json':
          return json(200, '{"auth": "app-key:')
        case 'missing-fields':
          return json(200, '{"channel_data":"{}"}')
        default:
          return json(200, JSON.stringify(sdk.authorizeChannel(socketId, channel, channel.startsWith('presence-') ? presence?.(socketId) : undefined)))
      }
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return Object.assign(endpoint, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/auth`,
    hits,
    total: () => [...hits.values()].reduce((a, b) => a + b, 0),
    close: () => new Promise<void>((resolve) => {
      for (const res of hanging) res.destroy()
      server.close(() => resolve())
      server.closeAllConnections()
    }),
  })
}
