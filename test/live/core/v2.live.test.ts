import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { PresenceChannel, SockudoClient, SockudoEvent, WebSocketConstructor } from '@sockudo/vue/core'
import { DEFAULT_APP, startServer, type TestServer } from '../../stand-in'
import { control } from '../../support/control'
import { liveTarget, serverSdk, type LiveTarget } from '../../support/live'
import { capabilityToken } from '../../support/token'
import { skipUnless } from '../../support/real-server'
import { signedFetch } from '../../support/signed-fetch'
import { connect, createClient, subscribed, uid, waitFor } from './helpers'

const clients: SockudoClient[] = []
const v2 = (setup: Parameters<typeof createClient>[0] = {}) => {
  const c = createClient({ ...setup, options: { protocolVersion: 2, ...setup.options } })
  clients.push(c)
  return c
}
afterEach(() => {
  for (const c of clients.splice(0)) c.disconnect()
})

describe('V2 against the local server', () => {
  it('hands V2 metadata to the app with exact serials', async (ctx) => {
    skipUnless(ctx, ['controlRoutes'])
    const client = await connect(v2())
    const channel = await subscribed(client.subscribe(`meta-${uid()}`))
    const events: SockudoEvent[] = []
    channel.bindGlobal((_n, _d, e) => events.push(e))
    await control('seed-serial', { channel: channel.name, serial: '9007199254740993' })
    await serverSdk().trigger(channel.name, 'e', { n: 1 })
    await waitFor(() => events.length === 1)
    expect(events[0]).toMatchObject({ event: 'e', data: { n: 1 }, serial: '9007199254740993' })
    expect(typeof events[0]!.messageId).toBe('string')
    expect(typeof events[0]!.streamId).toBe('string')
  })

  it('echoes its own client events on V2 unless echoMessages is false', async (ctx) => {
    skipUnless(ctx, ['clientMessages'])
    const name = `private-echo-${uid()}` as const
    const echo = await connect(v2())
    const quiet = await connect(v2({ options: { echoMessages: false } }))
    const a = await subscribed(echo.subscribe(name))
    const b = await subscribed(quiet.subscribe(name))
    const atA: unknown[] = []
    const atB: unknown[] = []
    a.bind('client-x', (d) => atA.push(d))
    b.bind('client-x', (d) => atB.push(d))
    a.trigger('client-x', { from: 'a' })
    b.trigger('client-x', { from: 'b' })
    await waitFor(() => atA.length === 2 && atB.length === 1)
    await new Promise((r) => setTimeout(r, 100))
    expect(atB).toEqual([{ from: 'a' }])
  })

  it('rewinds history on subscribe and reports rewind_complete', async (ctx) => {
    skipUnless(ctx, ['history'])
    const name = `rewind-${uid()}`
    const sdk = serverSdk()
    for (const n of [1, 2, 3]) await sdk.trigger(name, 'e', { n })
    const client = await connect(v2())
    const got: unknown[] = []
    const channel = client.subscribe(name, { rewind: 2 })
    channel.bind('e', (d) => got.push(d))
    const done: unknown[] = []
    channel.on('rewind_complete', (r) => done.push(r))
    await waitFor(() => done.length === 1)
    expect(got).toEqual([{ n: 2 }, { n: 3 }])
    // Three messages exist and two were asked for: the server reports the page as truncated.
    expect(done[0]).toMatchObject({ historicalCount: 2, complete: false, truncatedByLimit: true })
  })

  it('pages channel history over the socket', async (ctx) => {
    skipUnless(ctx, ['history'])
    const name = `hist-${uid()}`
    const client = await connect(v2())
    const channel = await subscribed(client.subscribe(name))
    const sdk = serverSdk()
    for (const n of [1, 2, 3]) await sdk.trigger(name, 'e', { n })
    const page = await channel.channelHistory({ limit: 2 })
    expect(page.items.map((i) => i.event.data)).toEqual([{ n: 3 }, { n: 2 }])
    expect(page.hasMore).toBe(true)
    const next = await page.next()
    expect(next?.items.map((i) => i.event.data)).toEqual([{ n: 1 }])
    const attached = await channel.channelHistory({ untilAttach: true })
    expect(attached.items).toEqual([])
  })

  it('broadcasts presence.update to every member', async () => {
    const name = `presence-agent-${uid()}` as const
    const a = await connect(v2({ presence: { user_id: 'agent', user_info: { status: 'idle' } } }))
    const b = await connect(v2({ presence: { user_id: 'watcher' } }))
    const pa = await subscribed(a.subscribe(name)) as PresenceChannel
    const pb = await subscribed(b.subscribe(name)) as PresenceChannel
    const updates: unknown[] = []
    pb.on('member_updated', (m) => updates.push(m))
    expect(pa.update({ status: 'thinking' })).toBe(true)
    await waitFor(() => updates.length === 1)
    expect(updates[0]).toEqual({ id: 'agent', info: { status: 'thinking' } })
    await waitFor(() => (pa.members.me?.info as { status?: string }).status === 'thinking')
  })

  it('connects with a capability token and refreshes it when the server says it expired', async (ctx) => {
    skipUnless(ctx, ['controlRoutes'])
    const reasons: string[] = []
    const client = await connect(v2({
      options: { authCallback: ({ reason }) => (reasons.push(reason), capabilityToken({ clientId: 'tok-user' })) },
    }))
    const successes: unknown[] = []
    client.bind('sockudo:auth_success', (d) => successes.push(d))
    await control('expire-token', { socketId: client.connection.socketId })
    await waitFor(() => successes.length === 1, 5000, 'auth_success')
    expect(reasons).toEqual(['initial', 'expired'])
    expect(successes[0]).toMatchObject({ client_id: 'tok-user' })
    expect(client.connection.state).toBe('connected')
  })
})

describe('heartbeats against the local server', () => {
  it.each([1, 2] as const)('protocol %i keeps a quiet connection alive with pings (native on V2 in Node)', async (protocolVersion) => {
    const pings = { native: 0, app: 0 }
    class CountingWebSocket extends WebSocket {
      override ping(...args: Parameters<WebSocket['ping']>): void {
        pings.native++
        super.ping(...args)
      }
      constructor(url: string) {
        super(url)
        const send = this.send.bind(this) as (data: unknown) => void
        this.send = ((data: unknown) => {
          if (typeof data === 'string' && data.includes(':ping"')) pings.app++
          send(data)
        }) as WebSocket['send']
      }
    }
    const client = createClient({ options: { protocolVersion, activityTimeout: 200, pongTimeout: 300, webSocket: CountingWebSocket as unknown as WebSocketConstructor } })
    clients.push(client)
    await connect(client)
    const changes: string[] = []
    client.connection.bind('state_change', ({ current }) => changes.push(current))
    await new Promise((r) => setTimeout(r, 1200))
    // Pings went out and were answered in time (otherwise the pong timeout would reconnect).
    expect(changes).toEqual([])
    expect(protocolVersion === 2 ? [pings.native > 2, pings.app] : [pings.app > 2, pings.native]).toEqual([true, 0])
  })

  it('accepts the V2 append options at the upgrade', async () => {
    const client = await connect(v2({ options: { appendMode: 'full', appendRollupWindow: 40 } }))
    expect(client.connection.state).toBe('connected')
  })
})

describe('V2 capability token revocation', () => {
  it('emits token/revoked (40160) and stops after the server closes with 4009', async () => {
    const t = liveTarget()
    const jti = `jti-${uid()}`
    const client = await connect(v2({ options: { token: capabilityToken({ clientId: 'rev-user', jti }) } }))
    const errors: { code: string; serverCode?: number; closeCode?: number }[] = []
    client.on('error', (e) => errors.push(e))
    const body = JSON.stringify({ jti })
    const res = await signedFetch(`http://${t.host}:${t.port}`, { key: t.key, secret: t.secret, method: 'POST', path: `/apps/${t.appId}/revocations`, body })
    expect(res.status).toBe(200)
    await waitFor(() => client.connection.state === 'disconnected', 5000, 'closed after revocation')
    expect(errors.find((e) => e.code === 'token/revoked')).toMatchObject({ serverCode: 40160 })
    expect(errors.find((e) => e.code === 'connection/refused')).toMatchObject({ closeCode: 4009 })
  })

  it('rejects a capability token on protocol 1 before connecting', () => {
    expect(() => createClient({ options: { protocolVersion: 1, token: 'x' } })).toThrowError(/require protocolVersion: 2/)
  })
})

describe('V2 connection recovery against a private server', () => {
  let server: TestServer
  let target: LiveTarget
  beforeAll(async () => {
    server = await startServer({ port: 0 })
    target = { ...liveTarget(), host: server.host, port: server.port, appId: DEFAULT_APP.id, key: DEFAULT_APP.key, secret: DEFAULT_APP.secret }
  })
  afterAll(() => server.close())

  it('resumes from the last serial after a drop and replays the missed message once', async () => {
    const client = v2({ target, options: { connectionRecovery: true, reconnect: { baseDelay: 400, maxDelay: 400 } } })
    await connect(client)
    const name = `recover-${uid()}`
    const channel = await subscribed(client.subscribe(name))
    const got: unknown[] = []
    channel.bind('e', (d) => got.push(d))
    const sdk = serverSdk(target)
    await sdk.trigger(name, 'e', { n: 1 })
    await waitFor(() => got.length === 1)
    const before = client.getRecoveryPosition(name)
    expect(before?.serial).toMatch(/^\d+$/)
    const resumed: unknown[] = []
    client.on('resumed', (r) => resumed.push(r))
    server.terminateAll()
    await sdk.trigger(name, 'e', { n: 2 })
    await waitFor(() => resumed.length === 1, 5000, 'resumed')
    await waitFor(() => got.length === 2)
    expect(got).toEqual([{ n: 1 }, { n: 2 }])
    expect(resumed[0]).toEqual({ recovered: [name], failed: [] })
    expect(BigInt(client.getRecoveryPosition(name)!.serial)).toBe(BigInt(before!.serial) + 1n)
  })
})
