import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { DEFAULT_APP, startServer, type StartServerOptions, type TestServer } from '../index'
import { channelAuth } from '../../support/auth'
import { openRaw, waitFor, type JsonFrame, type LiveTarget } from '../../support/live'

let server: TestServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

async function own(options: StartServerOptions = {}): Promise<LiveTarget> {
  server = await startServer(options)
  return { host: server.host, port: server.port, appId: 'app-id', key: 'app-key', secret: 'app-secret', real: false }
}

const closeOf = (ws: WebSocket) => new Promise<{ code: number; reason: string }>((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: String(reason) })))

describe('heartbeats', () => {
  it('V1: sends pusher:ping after the activity timeout and closes 4201 without a pong', async () => {
    const t = await own({ activityTimeout: 0.3, pongTimeout: 0.3 })
    const c = await openRaw('protocol=7', t)
    expect(JSON.parse(c.frames[0]?.data as string)).toMatchObject({ activity_timeout: 0.3 })
    const closed = closeOf(c.ws)
    expect(await c.next((f) => f.event === 'pusher:ping')).toEqual({ event: 'pusher:ping' })
    expect(await closed).toEqual({ code: 4201, reason: 'Pong reply not received in time' })
    expect(c.frames.at(-1)).toEqual({ event: 'pusher:error', data: { code: 4201, message: 'Pong reply not received in time' } })
  })

  it('V1: a pong keeps the connection alive', async () => {
    const t = await own({ activityTimeout: 0.2, pongTimeout: 0.3 })
    const c = await openRaw('protocol=7', t)
    for (let i = 0; i < 2; i++) {
      await c.next((f) => f.event === 'pusher:ping')
      c.send({ event: 'pusher:pong', data: {} })
    }
    expect(c.ws.readyState).toBe(WebSocket.OPEN)
    await c.close()
  })

  it('V2: uses native ping frames (ws answers them) and never sends pusher:ping', async () => {
    const t = await own({ activityTimeout: 0.2, pingInterval: 0.2, pongTimeout: 0.3 })
    const c = await openRaw('protocol=2', t)
    let pings = 0
    c.ws.on('ping', () => pings++)
    await waitFor(() => pings >= 2)
    expect(c.frames.map((f: JsonFrame) => f.event)).toEqual(['sockudo:connection_established'])
    await c.close()
  })
})

describe('server controls', () => {
  it('terminateAll drops sockets abruptly, closeAll closes them with a code', async () => {
    const t = await own()
    const a = await openRaw('protocol=7', t)
    expect(server?.connectionCount()).toBe(1)
    const abrupt = closeOf(a.ws)
    server?.terminateAll()
    expect((await abrupt).code).toBe(1006)
    const b = await openRaw('protocol=7', t)
    const clean = closeOf(b.ws)
    server?.closeAll(4200, 'bye')
    expect(await clean).toEqual({ code: 4200, reason: 'bye' })
  })

  it('pause stops accepting and resume serves again on the same port', async () => {
    const t = await own()
    const port = server?.port
    await server?.pause()
    const refused = await new Promise<boolean>((resolve) => {
      const ws = new WebSocket(`ws://${t.host}:${t.port}/app/app-key`)
      ws.on('error', () => resolve(true))
      ws.on('open', () => resolve(false))
    })
    expect(refused).toBe(true)
    await server?.resume()
    expect(server?.port).toBe(port)
    const c = await openRaw('protocol=7', t)
    await c.close()
  })
})

describe('app policies', () => {
  it('rejects a disallowed Origin with pusher:error 4009 then close 4009', async () => {
    const t = await own({ apps: [{ ...DEFAULT_APP, allowedOrigins: ['https://*.example.com'] }] })
    const frames: string[] = []
    const bad = new WebSocket(`ws://${t.host}:${t.port}/app/app-key?protocol=2`, { origin: 'https://evil.test' })
    bad.on('message', (d) => frames.push(String(d)))
    expect(await closeOf(bad)).toEqual({ code: 4009, reason: 'Origin not allowed' })
    expect(frames.map((f) => JSON.parse(f) as unknown)).toEqual([{ event: 'pusher:error', data: { code: 4009, message: 'Origin not allowed' } }])
    const good = new WebSocket(`ws://${t.host}:${t.port}/app/app-key?protocol=2`, { origin: 'https://app.example.com' })
    const first = await new Promise<string>((resolve) => good.once('message', (d) => resolve(String(d))))
    expect(first).toContain('sockudo:connection_established')
    good.close()
  })

  it('closes sockets that neither sign in nor join a private channel within the user-auth timeout', async () => {
    const t = await own({ userAuthenticationTimeout: 0.2 })
    const idle = await openRaw('protocol=7', t)
    const authed = await openRaw('protocol=7', t)
    authed.send({ event: 'pusher:subscribe', data: { channel: 'private-ok', auth: channelAuth(authed.socketId, 'private-ok', undefined, t) } })
    expect(await closeOf(idle.ws)).toEqual({ code: 4009, reason: 'Connection not authorized within timeout.' })
    await new Promise((r) => setTimeout(r, 100))
    expect(authed.ws.readyState).toBe(WebSocket.OPEN)
    await authed.close()
  })

  it('keeps a V2 presence member through the grace period after an abrupt drop', async () => {
    const t = await own({ presenceGraceV2: 0.3 })
    const channel = 'presence-grace'
    const join = async (id: string, query: string) => {
      const c = await openRaw(query, t)
      const data = JSON.stringify({ user_id: id })
      c.send({ event: 'pusher:subscribe', data: { channel, auth: channelAuth(c.socketId, channel, data, t), channel_data: data } })
      await c.next((f) => f.event.endsWith('subscription_succeeded'))
      return c
    }
    const watcher = await join('w', 'protocol=7')
    const v2 = await join('g', 'protocol=2')
    await watcher.next((f) => f.event === 'pusher_internal:member_added')
    const dropped = Date.now()
    v2.ws.terminate()
    await watcher.next((f) => f.event === 'pusher_internal:member_removed', 3000)
    expect(Date.now() - dropped).toBeGreaterThanOrEqual(250)
    await watcher.close()
  })

  it('answers cache channels with the last event or cache_miss', async () => {
    const t = await own()
    const c = await openRaw('protocol=7', t)
    c.send({ event: 'pusher:subscribe', data: { channel: 'cache-prices' } })
    expect(await c.next((f) => f.event === 'pusher:cache_miss')).toEqual({ event: 'pusher:cache_miss', channel: 'cache-prices', data: '{}' })
    const { signedFetch } = await import('../../support/signed-fetch')
    await signedFetch(`http://${t.host}:${t.port}`, { key: t.key, secret: t.secret, method: 'POST', path: '/apps/app-id/events', body: JSON.stringify({ name: 'p', channel: 'cache-prices', data: '1' }) })
    const late = await openRaw('protocol=7', t)
    late.send({ event: 'pusher:subscribe', data: { channel: 'cache-prices' } })
    expect(await late.next((f) => f.event === 'p')).toEqual({ event: 'p', channel: 'cache-prices', data: '1' })
    await Promise.all([c.close(), late.close()])
  })
})
