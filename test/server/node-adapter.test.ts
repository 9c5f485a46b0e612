import { createServer, request as httpRequest } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import Pusher from 'pusher'
import { afterEach, describe, expect, it } from 'vitest'
import { createChannelAuthHandler, toNodeHandler } from '@sockudo/vue/server'
import type { ChannelAuthHandlerOptions } from '@sockudo/vue/server'

const creds = { key: 'app-key', secret: 'app-secret' }
const pusher = new Pusher({ appId: 'app-id', host: '127.0.0.1', ...creds })
const servers: Server[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => {
    s.closeAllConnections()
    s.close(() => resolve())
  })))
})

async function listen(listener: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer(listener)
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

/** The README's plain Node mounting: one route, 404 for the rest. */
function app(options: Partial<ChannelAuthHandlerOptions> = {}): (req: IncomingMessage, res: ServerResponse) => void {
  const auth = toNodeHandler(createChannelAuthHandler({ ...creds, authorize: ({ channelName }) => channelName === 'private-orders', ...options }))
  return (req, res) => {
    if (req.url === '/sockudo/auth') return void auth(req, res)
    res.statusCode = 404
    res.end()
  }
}

/** A dev proxy like Vite's `server.proxy: { '/sockudo': target }`, which sets changeOrigin (Host := target). */
function hostRewritingProxy(target: string): (req: IncomingMessage, res: ServerResponse) => void {
  const { host } = new URL(target)
  return (req, res) => {
    const upstream = httpRequest(`${target}${req.url}`, { method: req.method, headers: { ...req.headers, host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    })
    req.pipe(upstream)
  }
}

const form = (origin?: string): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', ...(origin ? { origin } : {}) },
  body: new URLSearchParams({ socket_id: '1.2', channel_name: 'private-orders' }).toString(),
})

describe('toNodeHandler', () => {
  it('serves a handler from a plain node:http server, exactly as the pusher SDK signs', async () => {
    const url = await listen(app())
    const res = await fetch(`${url}/sockudo/auth`, form(url))
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual(pusher.authorizeChannel('1.2', 'private-orders'))
    expect((await fetch(`${url}/sockudo/auth`, { ...form(), body: 'socket_id=1.2&channel_name=private-other' })).status).toBe(403)
  })

  it('works as an Express-style (req, res) route under a sub-router (originalUrl)', async () => {
    const auth = toNodeHandler(createChannelAuthHandler({ ...creds, authorize: () => true }))
    const url = await listen((req, res) => {
      // What Express does for app.use('/sockudo', router) with router.post('/auth', auth).
      Object.assign(req, { originalUrl: req.url, url: req.url?.replace(/^\/sockudo/, '') })
      void auth(req, res)
    })
    const res = await fetch(`${url}/sockudo/auth`, form(url))
    expect(res.status).toBe(200)
  })

  it('behind a Host-rewriting dev proxy: 403 naming allowedOrigins, then 200 once the page origin is listed', async () => {
    const allowed: string[] = []
    const backend = await listen(app({ allowedOrigins: allowed }))
    const page = await listen(hostRewritingProxy(backend))
    const refused = await fetch(`${page}/sockudo/auth`, form(page))
    expect(refused.status).toBe(403)
    expect(((await refused.json()) as { error: string }).error).toContain(`Add "${page}" to allowedOrigins`)
    allowed.push(page) // what the README says to set: allowedOrigins: ['http://localhost:5173']
    const res = await fetch(`${page}/sockudo/auth`, form(page))
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual(pusher.authorizeChannel('1.2', 'private-orders'))
  })
})
