import { describe, expect, it, vi } from 'vitest'
import { DeltaManager, type SockudoError } from '@sockudo/vue/core'
import { fakeClient } from '../../fakes/client'
import { flush } from '../../fakes/fake-server'

describe('V2 features (fake server)', () => {
  it('drops a duplicate message_id but keeps a new serial of the same message (message versions)', async () => {
    const { client, server, connect } = fakeClient({ protocolVersion: 2 })
    await connect()
    client.subscribe('c')
    await flush()
    const got: unknown[] = []
    client.bind('e', (d) => got.push(d))
    const s = server.last
    s.serverSend({ event: 'e', channel: 'c', data: '1', message_id: 'm1', serial: 1 })
    s.serverSend({ event: 'e', channel: 'c', data: '1', message_id: 'm1', serial: 1 })
    s.serverSend({ event: 'e', channel: 'c', data: '2', message_id: 'm1', serial: 2 })
    expect(got).toEqual([1, 2])
  })

  it('records positions, resumes after a reconnect with bare integer serials, and applies resume_success', async () => {
    const { client, server, clock, connect } = fakeClient({ protocolVersion: 2, connectionRecovery: true })
    await connect()
    client.subscribe('orders')
    await flush()
    server.subscribed(server.last, 'orders', {}, { stream_id: 's1', serial: 5 })
    // The subscribe answer gives the starting serial only (its stream id is the history store's on a real Sockudo).
    expect(client.getRecoveryPosition('orders')).toEqual({ serial: '5' })
    server.last.serverSend('{"event":"x","channel":"orders","data":"{}","message_id":"m9","stream_id":"s1","serial":9007199254740993}')
    expect(client.getRecoveryPosition('orders')).toEqual({ serial: '9007199254740993', streamId: 's1', lastMessageId: 'm9' })
    server.last.serverClose(1006)
    clock.tick(1000)
    await flush()
    const s = server.last
    expect(s.sent.map((f) => f.event)).toEqual(['sockudo:subscribe', 'sockudo:resume'])
    expect(s.sentEvents('sockudo:resume')[0]!.data).toBe('{"channel_positions":{"orders":{"serial":9007199254740993,"stream_id":"s1","last_message_id":"m9"}}}')
    const resumed: unknown[] = []
    client.on('resumed', (r) => resumed.push(r))
    s.serverSend({ event: 'sockudo:resume_success', data: JSON.stringify({ recovered: [{ channel: 'orders', source: 'hot', replayed: 1, position: { stream_id: 's2', serial: 12, last_message_id: 'm12' } }], failed: [] }) })
    expect(client.getRecoveryPosition('orders')).toEqual({ serial: '12', streamId: 's2', lastMessageId: 'm12' })
    expect(resumed).toEqual([{ recovered: ['orders'], failed: [] }])
  })

  it('drops the position of a channel named on resume_failed (channel on the envelope)', async () => {
    const { client, server, connect } = fakeClient({ protocolVersion: 2, connectionRecovery: true })
    client.setRecoveryPosition('chat', { serial: '3', streamId: 's1' })
    client.subscribe('chat')
    await connect()
    await flush()
    expect(server.last.sentEvents('sockudo:resume')).toHaveLength(1)
    const failures: unknown[] = []
    client.on('resume_failed', (f) => failures.push(f))
    server.last.serverSend({ event: 'sockudo:resume_failed', channel: 'chat', data: '{"code":"stream_reset","reason":"stream_id_mismatch"}' })
    expect(client.getRecoveryPosition('chat')).toBeNull()
    expect(failures).toEqual([{ channel: 'chat', code: 'stream_reset', reason: 'stream_id_mismatch' }])
  })

  it('does not repeat a rewind on re-subscribe when a recovery position exists', async () => {
    const { client, server, clock, connect } = fakeClient({ protocolVersion: 2, connectionRecovery: true })
    await connect()
    client.subscribe('feed', { rewind: 10 })
    await flush()
    expect(server.last.sentEvents('sockudo:subscribe')[0]!.data).toMatchObject({ rewind: 10 })
    server.subscribed(server.last, 'feed', {}, { stream_id: 's', serial: 1 })
    server.last.serverClose(1006)
    clock.tick(1000)
    await flush()
    expect(server.last.sentEvents('sockudo:subscribe')[0]!.data).not.toHaveProperty('rewind')
  })

  it('stores attach_serial exactly and reports rewind_complete', async () => {
    const { client, server, connect } = fakeClient({ protocolVersion: 2 })
    await connect()
    const channel = client.subscribe('h')
    await flush()
    server.last.serverSend({ event: 'sockudo_internal:subscription_succeeded', channel: 'h', data: '{"attach_serial":9007199254740993}' })
    expect(channel.attachSerial).toBe('9007199254740993')
    const results: unknown[] = []
    channel.on('rewind_complete', (r) => results.push(r))
    server.last.serverSend({ event: 'sockudo:rewind_complete', channel: 'h', data: { historical_count: 2, live_count: 1, complete: true, truncated_by_retention: false, truncated_by_limit: false } })
    expect(results).toEqual([{ historicalCount: 2, liveCount: 1, complete: true, truncatedByRetention: false, truncatedByLimit: false }])
  })

  it('enables delta compression for the connection before any subscribe, on every connect', async () => {
    const { client, server, connect } = fakeClient({ protocolVersion: 2, deltaStage: new DeltaManager() })
    client.subscribe('ticker', { delta: { enabled: true, algorithm: 'fossil' } })
    await connect()
    await vi.waitFor(() => expect(server.last.sentEvents('sockudo:subscribe')).toHaveLength(1))
    const order = server.last.sent.map((f) => f.event)
    expect(order.indexOf('sockudo:enable_delta_compression')).toBe(0)
    expect(order.indexOf('sockudo:subscribe')).toBeGreaterThan(0)
  })

  it('reads channel history over the socket, one request per channel at a time, with next()', async () => {
    const { client, server, connect } = fakeClient({ protocolVersion: 2 })
    await connect()
    const channel = client.subscribe('h')
    await flush()
    server.subscribed(server.last, 'h', { attach_serial: 57 })
    const first = channel.channelHistory({ limit: 2, untilAttach: true, startSerial: '9007199254740993' })
    const second = channel.channelHistory({ limit: 1 })
    // The history requester loads on first use (a dynamic import): wait for the request.
    await vi.waitFor(() => expect(server.last.sentEvents('sockudo:channel_history')).toHaveLength(1))
    const reqs = server.last.sentEvents('sockudo:channel_history')
    expect(reqs).toEqual([{ event: 'sockudo:channel_history', data: '{"channel":"h","limit":2,"direction":"newest_first","start_serial":9007199254740993,"end_serial":57}' }])
    const item = (serial: number) => ({ serial, stream_id: 's1', published_at_ms: 1, message: { event: 'e', channel: 'h', data: `{"n":${serial}}`, serial } })
    server.last.serverSend({ event: 'sockudo:channel_history', channel: 'h', data: { items: [item(57), item(56)], has_more: true, next_cursor: 'c1', bounds: { attach_serial: 57 } } })
    const page = await first
    expect(page.items.map((i) => [i.serial, i.event.data])).toEqual([['57', { n: 57 }], ['56', { n: 56 }]])
    expect(page).toMatchObject({ hasMore: true, nextCursor: 'c1', attachSerial: '57' })
    await flush()
    expect(server.last.sentEvents('sockudo:channel_history')).toHaveLength(2)
    server.last.serverSend({ event: 'sockudo:channel_history', channel: 'h', data: { items: [], has_more: false } })
    expect((await second).hasMore).toBe(false)
    const nextPage = page.next()
    await flush()
    expect(server.last.sentEvents('sockudo:channel_history')[2]!.data).toContain('"cursor":"c1"')
    server.last.serverSend({ event: 'sockudo:channel_history', channel: 'h', data: { items: [item(55)], has_more: false } })
    expect((await nextPage)?.items).toHaveLength(1)
  })

  it('rejects a history request the server refuses', async () => {
    const { client, server, connect } = fakeClient({ protocolVersion: 2 })
    await connect()
    const channel = client.subscribe('h')
    await flush()
    server.subscribed(server.last, 'h')
    const page = channel.channelHistory()
    await flush()
    server.last.serverSend({ event: 'sockudo:error', data: { code: 4300, message: "Channel error: Durable history is disabled by policy for channel 'h'" } })
    await expect(page).rejects.toMatchObject({ serverCode: 4300 })
  })
})

describe('stored messages in versioned form (as a real Sockudo rewinds and replays them)', () => {
  it('delivers sockudo:message.create with a name to bind(<name>), like the live frame', async () => {
    const { client, server, connect } = fakeClient({ protocolVersion: 2 })
    await connect()
    const channel = client.subscribe('history-c')
    await flush()
    server.subscribed(server.last, 'history-c')
    const got: unknown[] = []
    channel.bind('tick', (d, meta) => got.push([d, meta.messageId, meta.extras?.headers?.sockudo_action]))
    const headers = { sockudo_action: 'message.create', sockudo_message_serial: 'ms1' }
    server.last.serverSend({ event: 'sockudo:message.create', channel: 'history-c', name: 'tick', data: '{"i":1}', message_id: 'm1', serial: 1, extras: { headers } })
    server.last.serverSend({ event: 'tick', channel: 'history-c', data: '{"i":2}', message_id: 'm2', serial: 2, extras: { headers } })
    expect(got).toEqual([[{ i: 1 }, 'm1', 'message.create'], [{ i: 2 }, 'm2', 'message.create']])
  })
})

describe('capability tokens (fake server)', () => {
  const jwt = (payload: Record<string, unknown>) => `e30.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.sig`

  it('refreshes at 80 % of the JWT lifetime with sockudo:auth', async () => {
    const tokens: string[] = []
    let n = 0
    const { client, server, clock, connect } = fakeClient({
      protocolVersion: 2,
      authCallback: ({ reason }) => {
        const now = Math.floor(clock.now() / 1000)
        const t = jwt({ iat: now, exp: now + 100, n: ++n, reason })
        tokens.push(t)
        return t
      },
    })
    await connect()
    expect(server.last.url).toContain(`token=${encodeURIComponent(tokens[0]!)}`)
    clock.tick(79_000)
    await flush()
    expect(server.last.sentEvents('sockudo:auth')).toEqual([])
    clock.tick(1000)
    await flush()
    expect(server.last.sentEvents('sockudo:auth')).toEqual([{ event: 'sockudo:auth', data: { token: tokens[1] } }])
    client.disconnect()
  })

  it('schedules nothing for opaque tokens and a static token without callback', async () => {
    const { server, clock, connect } = fakeClient({ protocolVersion: 2, token: 'opaque' })
    await connect()
    clock.tick(10 * 86_400_000)
    await flush()
    expect(server.last.sentEvents('sockudo:auth')).toEqual([])
  })

  it('answers token_expired 40142 through authCallback, and emits revocation 40160', async () => {
    const { client, server, connect } = fakeClient({ protocolVersion: 2, token: 'static', authCallback: () => 'fresh' })
    await connect()
    const errors: SockudoError[] = []
    client.on('error', (e) => errors.push(e))
    server.last.serverSend({ event: 'sockudo:token_expired', data: { code: 40142, reason: 'expired' } })
    await flush()
    expect(server.last.sentEvents('sockudo:auth')).toEqual([{ event: 'sockudo:auth', data: { token: 'fresh' } }])
    server.last.serverSend({ event: 'sockudo:token_expired', data: { code: 40160, reason: 'revoked' } })
    expect(errors.map((e) => [e.code, e.serverCode])).toEqual([['token/revoked', 40160]])
  })

  it('emits token/expired when no authCallback can refresh', async () => {
    const { client, server, connect } = fakeClient({ protocolVersion: 2, token: 'static' })
    await connect()
    const errors: SockudoError[] = []
    client.on('error', (e) => errors.push(e))
    server.last.serverSend({ event: 'sockudo:token_expired', data: { code: 40142, reason: 'expired' } })
    expect(errors.map((e) => e.code)).toEqual(['token/expired'])
  })

  it('disconnect cancels the refresh timer', async () => {
    let calls = 0
    const { client, clock, connect } = fakeClient({ protocolVersion: 2, authCallback: () => (calls++, jwt({ iat: Math.floor(clock.now() / 1000), exp: Math.floor(clock.now() / 1000) + 10 })) })
    await connect()
    client.disconnect()
    expect(clock.pending()).toEqual([])
    expect(calls).toBe(1)
  })

  it('uses the static token first and the provider on reconnect', async () => {
    const { server, clock, connect } = fakeClient({ protocolVersion: 2, token: 'initial-token', authCallback: () => 'provider-token-1' })
    await connect()
    expect(server.last.url).toContain('token=initial-token')
    server.last.serverClose(4201)
    await flush()
    clock.tick(0)
    await flush()
    expect(server.last.url).toContain('token=provider-token-1')
  })
})
