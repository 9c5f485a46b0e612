import { describe, expect, it } from 'vitest'
import { CodecError, ConfigError, SockudoClient, type SockudoError } from '@sockudo/vue/core'
import { fakeClient } from '../../fakes/client'
import { flush } from '../../fakes/fake-server'

describe('SockudoClient connection (fake server)', () => {
  it('builds the V1 URL with protocol=7, client, version and flash', async () => {
    const { server, connect } = fakeClient()
    await connect()
    expect(server.last.url).toBe('ws://example.test:6001/app/app-key?protocol=7&client=js&version=0.1.0&flash=false')
  })

  it('builds the V2 URL with protocol=2 and the V2-only parameters', async () => {
    const { server, connect } = fakeClient({ protocolVersion: 2, echoMessages: false, appendMode: 'full', appendRollupWindow: 40, token: 'first token/+' })
    await connect()
    expect(server.last.url).toBe('ws://example.test:6001/app/app-key?protocol=2&client=js&version=0.1.0&flash=false&echo_messages=false&append_mode=full&append_rollup_window=40&token=first%20token%2F%2B')
  })

  it('uses wss and wssPort when TLS is on', async () => {
    const { server, connect } = fakeClient({ forceTls: true, wssPort: 443 })
    await connect()
    expect(server.last.url.startsWith('wss://example.test:443/app/app-key?')).toBe(true)
  })

  it.each([
    [{ protocolVersion: 1 as const, token: 'x' }, 'config/token-requires-v2'],
    [{ protocolVersion: 2 as const, appendRollupWindow: 60 }, 'config/invalid-rollup-window'],
    [{ wsHost: undefined }, 'config/missing-host'],
    [{ protocolVersion: 2 as const, wireFormat: 'msgpack' as const }, 'config/missing-codec'],
  ])('rejects invalid options before connecting (%o → %s)', (options, code) => {
    expect(() => new SockudoClient('k', { wsHost: 'h', ...options })).toThrowError(ConfigError)
    try {
      new SockudoClient('k', { wsHost: 'h', ...options })
    } catch (error) {
      expect((error as SockudoError).code).toBe(code)
    }
  })

  it('reports bad frames as typed errors and keeps the connection', async () => {
    const { client, server, connect } = fakeClient()
    await connect()
    const errors: SockudoError[] = []
    client.on('error', (e) => errors.push(e))
    const got: unknown[] = []
    client.bind('ok', (d) => got.push(d))
    server.last.serverSend('{not json')
    server.last.serverSend('[1,2]')
    server.last.serverSend({ data: 'no event' })
    server.last.serverSend({ event: 'x', channel: 5 })
    server.last.serverSend({ event: 'x', serial: 'abc' })
    server.last.serverSend({ event: 'ok', data: '{"fine":true}' })
    expect(errors.map((e) => e.code)).toEqual(['codec/invalid-json', 'codec/invalid-frame', 'codec/invalid-frame', 'codec/invalid-frame', 'codec/invalid-frame'])
    expect(errors.every((e) => e instanceof CodecError)).toBe(true)
    expect(got).toEqual([{ fine: true }])
    expect(client.connection.state).toBe('connected')
  })

  it('delivers unknown channel-less events to bind and bindGlobal', async () => {
    const { client, server, connect } = fakeClient()
    await connect()
    const seen: [string, unknown][] = []
    client.bindGlobal((name, data) => seen.push([name, data]))
    server.last.serverSend({ event: 'pusher:future_event', data: { a: 1 } })
    server.last.serverSend({ event: 'something', data: 'plain text' })
    expect(seen).toEqual([['pusher:future_event', { a: 1 }], ['something', 'plain text']])
  })

  it('maps a handshake error frame through the close-code table', async () => {
    const { client, server } = fakeClient()
    server.autoAccept = false
    client.connect()
    await flush()
    server.last.open()
    server.last.serverSend({ event: 'pusher:error', data: { code: 4009, message: 'Origin not allowed' } })
    expect(client.connection.state).toBe('disconnected')
    expect(server.last.closedByClient).toBeDefined()
  })

  it('pings after the activity timeout and reconnects when no pong arrives', async () => {
    const { client, server, clock, connect } = fakeClient({ activityTimeout: 5000, pongTimeout: 1000 })
    await connect()
    clock.tick(5000)
    expect(server.last.sentEvents('pusher:ping')).toEqual([{ event: 'pusher:ping', data: {} }])
    clock.tick(1000)
    expect(server.sockets[0]!.closedByClient?.code).toBe(4201)
    await flush()
    expect(server.sockets).toHaveLength(2)
    expect(client.connection.state).toBe('connected')
  })

  it('postpones the ping while frames keep arriving, then pings one timeout after the last frame', async () => {
    const { server, clock, connect } = fakeClient({ activityTimeout: 5000, pongTimeout: 1000 })
    await connect()
    for (let i = 0; i < 4; i++) {
      clock.tick(3000)
      server.last.serverSend({ event: 'tick', channel: 'x', data: '{}' })
    }
    expect(server.last.sentEvents('pusher:ping')).toHaveLength(0)
    clock.tick(4999)
    expect(server.last.sentEvents('pusher:ping')).toHaveLength(0)
    clock.tick(1)
    expect(server.last.sentEvents('pusher:ping')).toHaveLength(1)
  })

  it('stays connected when the pong arrives in time', async () => {
    const { client, server, clock, connect } = fakeClient({ activityTimeout: 5000, pongTimeout: 1000 })
    await connect()
    clock.tick(5000)
    server.last.serverSend({ event: 'pusher:pong' })
    clock.tick(1000)
    expect(server.sockets).toHaveLength(1)
    expect(client.connection.state).toBe('connected')
  })

  it('uses the sockudo:ping fallback on V2 when the runtime has no native ping', async () => {
    const { server, clock, connect } = fakeClient({ protocolVersion: 2, activityTimeout: 5000 })
    await connect()
    clock.tick(5000)
    expect(server.last.sentEvents('sockudo:ping')).toHaveLength(1)
  })

  it('answers a server ping with a pong', async () => {
    const { server, connect } = fakeClient()
    await connect()
    server.last.serverSend({ event: 'pusher:ping' })
    expect(server.last.sentEvents('pusher:pong')).toEqual([{ event: 'pusher:pong', data: {} }])
  })

  it('caps the activity timeout at the server value', async () => {
    const { client, server, clock } = fakeClient({ activityTimeout: 120_000 })
    server.autoAccept = false
    client.connect()
    await flush()
    server.establish(server.last, 10)
    expect(client.connection.state).toBe('connected')
    clock.tick(10_000)
    expect(server.last.sentEvents('pusher:ping')).toHaveLength(1)
  })

  it('retries at once when the network comes back online', async () => {
    let notify: (online: boolean) => void = () => undefined
    const { client, server, clock, connect } = fakeClient({ network: { subscribe: (l) => ((notify = l), () => undefined) }, reconnect: { baseDelay: 60_000, maxDelay: 60_000 } })
    await connect()
    server.last.serverClose(1006)
    expect(client.connection.state).toBe('connecting')
    expect(clock.pending()).toContain(45_000)
    notify(true)
    await flush()
    expect(client.connection.state).toBe('connected')
    expect(server.sockets).toHaveLength(2)
  })

  it('goes unavailable after unavailableTimeout without a connection', async () => {
    const { client, server, clock } = fakeClient({ unavailableTimeout: 3000 })
    server.autoAccept = false
    client.connect()
    await flush()
    clock.tick(3000)
    expect(client.connection.state).toBe('unavailable')
  })

  it('runs transitions to completion when a listener disconnects during one', async () => {
    const { client, server, clock, connect } = fakeClient()
    await connect()
    const states: string[] = []
    client.connection.bind('state_change', ({ current }) => states.push(current))
    client.on('error', () => client.disconnect())
    server.last.serverClose(4100, 'Over capacity')
    clock.tick(60_000)
    await flush()
    expect(states).toEqual(['connecting', 'disconnected'])
    expect(client.connection.state).toBe('disconnected')
    expect(server.sockets).toHaveLength(1)
  })
})
