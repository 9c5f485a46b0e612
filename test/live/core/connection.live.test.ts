import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { ConnectionState, SockudoClient } from '@sockudo/vue/core'
import { DEFAULT_APP, startServer, type TestServer } from '../../stand-in'
import type { LiveTarget } from '../../support/live'
import { serverSdk } from '../../support/live'
import { connect, createClient, subscribed, uid, waitFor } from './helpers'

// A private server: these tests drop and close every socket on it.
let server: TestServer
let target: LiveTarget
beforeAll(async () => {
  server = await startServer({ port: 0 })
  target = { host: server.host, port: server.port, appId: DEFAULT_APP.id, key: DEFAULT_APP.key, secret: DEFAULT_APP.secret, real: false }
})
afterAll(() => server.close())

const clients: SockudoClient[] = []
afterEach(() => {
  for (const c of clients.splice(0)) c.disconnect()
})

function make(options: Parameters<typeof createClient>[0] = {}): { client: SockudoClient; states: ConnectionState[] } {
  const client = createClient({ target, ...options })
  clients.push(client)
  const states: ConnectionState[] = []
  client.connection.bind('state_change', ({ current }) => states.push(current))
  return { client, states }
}

describe('connection lifecycle against the local server', () => {
  it('goes initialized → connecting → connected and reports the socket id', async () => {
    const { client, states } = make()
    expect(client.connection.state).toBe('initialized')
    await connect(client)
    expect(states).toEqual(['connecting', 'connected'])
  })

  it('reconnects after the server drops the socket and resubscribes every channel', async () => {
    const { client, states } = make()
    await connect(client)
    const channel = await subscribed(client.subscribe(`orders-${uid()}`))
    const firstSocket = client.connection.socketId
    server.terminateAll()
    await waitFor(() => states.filter((s) => s === 'connected').length === 2, 5000, 'second connected')
    expect(states).toEqual(['connecting', 'connected', 'connecting', 'connected'])
    expect(client.connection.socketId).not.toBe(firstSocket)
    await waitFor(() => channel.subscribed, 5000, 'resubscribed')
    const got: unknown[] = []
    channel.bind('after', (d) => got.push(d))
    await serverSdk(target).trigger(channel.name, 'after', { n: 1 })
    await waitFor(() => got.length === 1)
  })

  it('never reconnects after a 4000–4099 close (4009) and emits the close code', async () => {
    const { client, states } = make()
    const errors: { closeCode?: number; code: string }[] = []
    client.on('error', (e) => errors.push(e))
    await connect(client)
    server.closeAll(4009, 'You got disconnected by the app.')
    await waitFor(() => client.connection.state === 'disconnected')
    await new Promise((r) => setTimeout(r, 300))
    expect(states).toEqual(['connecting', 'connected', 'disconnected'])
    expect(errors[0]).toMatchObject({ code: 'connection/refused', closeCode: 4009 })
  })

  it('reconnects after backoff on a 4100–4199 close', async () => {
    const { client, states } = make()
    const delays: number[] = []
    client.connection.bind('connecting_in', ({ delay }) => delays.push(delay))
    await connect(client)
    server.closeAll(4100, 'Over capacity')
    await waitFor(() => states.filter((s) => s === 'connected').length === 2, 5000)
    expect(delays).toHaveLength(1)
    expect(delays[0]).toBeGreaterThanOrEqual(25)
    expect(delays[0]).toBeLessThanOrEqual(50)
  })

  it('reconnects at once on a 4200–4299 close', async () => {
    const { client, states } = make()
    const delays: number[] = []
    client.connection.bind('connecting_in', ({ delay }) => delays.push(delay))
    await connect(client)
    server.closeAll(4200, 'Force reconnect requested by the app.')
    await waitFor(() => states.filter((s) => s === 'connected').length === 2, 5000)
    expect(delays).toEqual([])
  })

  it('stops at 4300+ (refused) like 4000–4099', async () => {
    const { client } = make()
    await connect(client)
    server.closeAll(4301, 'Connection closed due to client event rate limit')
    await waitFor(() => client.connection.state === 'disconnected')
  })

  it('gives up after maxAttempts while the server is down, then connects again on connect()', async () => {
    const { client, states } = make({ options: { reconnect: { maxAttempts: 2, baseDelay: 20, maxDelay: 40 } } })
    await connect(client)
    await server.pause()
    await waitFor(() => client.connection.state === 'disconnected', 5000, 'gave up')
    expect(states).toEqual(['connecting', 'connected', 'connecting', 'disconnected'])
    await server.resume()
    await connect(client)
  })

  it('disconnect() closes the socket and stops retrying', async () => {
    const { client, states } = make()
    await connect(client)
    client.disconnect()
    expect(client.connection.state).toBe('disconnected')
    expect(client.connection.socketId).toBeUndefined()
    await new Promise((r) => setTimeout(r, 200))
    expect(states).toEqual(['connecting', 'connected', 'disconnected'])
  })

  it('signs in and hears watchlist online/offline notifications', async () => {
    const { client: watcher } = make({ user: { id: `w-${uid()}`, watchlist: ['friend-1'] } })
    const online: string[][] = []
    const offline: string[][] = []
    watcher.user.watchlist.bind('online', (ids) => online.push(ids))
    watcher.user.watchlist.bind('offline', (ids) => offline.push(ids))
    await connect(watcher)
    watcher.signin()
    await waitFor(() => watcher.user.signedIn)
    expect(watcher.user.id).toMatch(/^w-/)
    expect(offline).toEqual([['friend-1']])
    // The server only tracks users whose own user_data has a watchlist (core.md §5.6).
    const { client: friend } = make({ user: { id: 'friend-1', watchlist: ['nobody'] } })
    await connect(friend)
    friend.signin()
    await waitFor(() => online.some((ids) => ids.includes('friend-1')), 5000, 'online')
    friend.disconnect()
    await waitFor(() => offline.length === 2, 5000, 'offline')
    expect(offline[1]).toEqual(['friend-1'])
  })

  it('delivers events sent to the signed-in user', async () => {
    const id = `u-${uid()}`
    const { client } = make({ user: { id } })
    await connect(client)
    client.signin()
    await waitFor(() => client.user.signedIn)
    const got: unknown[] = []
    client.user.bind('notice', (d) => got.push(d))
    await serverSdk(target).sendToUser(id, 'notice', { hello: 1 })
    await waitFor(() => got.length === 1)
    expect(got[0]).toEqual({ hello: 1 })
  })
})
