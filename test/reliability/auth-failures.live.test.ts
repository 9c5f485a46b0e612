/**
 * Auth and token failures against the shared local server: every failure is a typed error on
 * the channel or client, the endpoint is asked once per attempt (no retry loop), the connection
 * is not torn down, and a later attempt succeeds once the endpoint is healthy again.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { AuthError, SockudoClient, SockudoError, TokenError } from '@sockudo/vue/core'
import { liveTarget, serverSdk } from '../support/live'
import { startAuthEndpoint, type AuthEndpoint, type AuthMode } from './auth-endpoint'
import { sleep, trapProcessErrors, until } from './support'

const clients: SockudoClient[] = []
let endpoint: AuthEndpoint | undefined
let trap: ReturnType<typeof trapProcessErrors> | undefined

afterEach(async () => {
  for (const c of clients.splice(0)) c.disconnect()
  await endpoint?.close()
  expect(trap?.errors ?? []).toEqual([])
  trap?.stop()
  endpoint = trap = undefined
})

function client(options: ConstructorParameters<typeof SockudoClient>[1] = {}): SockudoClient {
  const t = liveTarget()
  const c = new SockudoClient(t.key, { wsHost: t.host, wsPort: t.port, forceTls: false, reconnect: { baseDelay: 20, maxDelay: 200 }, ...options })
  clients.push(c)
  return c
}

const uid = () => Math.random().toString(36).slice(2, 10)

const cases: [AuthMode, string][] = [
  ['http-500', 'auth/http-error'],
  ['http-403', 'auth/forbidden'],
  ['hang', 'auth/timeout'],
  ['invalid-json', 'auth/invalid-response'],
  ['missing-fields', 'auth/missing-field'],
]

describe('channel auth endpoint failures', () => {
  it.each(cases)('%s fails the channel with %s, asks once, keeps the connection and recovers on retry', async (mode, code) => {
    trap = trapProcessErrors()
    endpoint = await startAuthEndpoint(serverSdk(), () => ({ user_id: 'u1' }))
    endpoint.mode = mode
    const c = client({ channelAuthorization: { endpoint: endpoint.url, timeout: 300 } })
    c.connect()
    await until(() => c.connection.state === 'connected', 5000, 'connected')
    const socketId = c.connection.socketId!
    const name = `presence-auth-${uid()}`
    const channel = c.subscribe(name)
    await until(() => channel.state === 'failed', 5000, 'channel failed')
    expect(channel.error).toBeInstanceOf(AuthError)
    expect(channel.error!.code).toBe(code)
    expect(channel.error!.channel).toBe(name)
    await sleep(400) // a retry loop would ask again within this time
    expect(endpoint.hits.get(socketId)).toBe(1)
    expect(c.connection.state).toBe('connected')
    expect(c.connection.socketId).toBe(socketId)

    endpoint.mode = 'ok'
    c.subscribe(name)
    await until(() => channel.state === 'subscribed', 5000, 'subscribed after the endpoint recovered')
    expect(endpoint.hits.get(socketId)).toBe(2)
  })

  it('reports a customHandler that throws as auth/handler-failed without retrying', async () => {
    trap = trapProcessErrors()
    let calls = 0
    const c = client({ channelAuthorization: { customHandler: () => Promise.reject(new TypeError(`nope ${++calls}`)) } })
    c.connect()
    const channel = c.subscribe(`private-auth-${uid()}`)
    await until(() => channel.state === 'failed', 5000, 'channel failed')
    expect(channel.error).toBeInstanceOf(AuthError)
    expect(channel.error!.code).toBe('auth/handler-failed')
    await sleep(300)
    expect(calls).toBe(1)
  })

  it('fails a channel whose customHandler never settles within subscriptionTimeout', async () => {
    trap = trapProcessErrors()
    const c = client({ subscriptionTimeout: 300, channelAuthorization: { customHandler: () => new Promise(() => undefined) } })
    c.connect()
    const channel = c.subscribe(`private-auth-${uid()}`)
    await until(() => channel.state === 'failed', 3000, 'channel failed')
    expect(channel.error).toBeInstanceOf(SockudoError)
    expect(channel.error!.code).toBe('channel/subscribe-timeout')
    expect(c.connection.state).toBe('connected')
  })
})

describe('V2 token provider failures', () => {
  it('reports an authCallback that throws as a TokenError and stops instead of retrying', async () => {
    trap = trapProcessErrors()
    let calls = 0
    const errors: SockudoError[] = []
    const c = client({ protocolVersion: 2, authCallback: () => Promise.reject(new Error(`down ${++calls}`)) })
    c.on('error', (e) => errors.push(e))
    c.connect()
    await until(() => errors.length > 0, 5000, 'error event')
    expect(errors[0]).toBeInstanceOf(TokenError)
    expect(errors[0]!.code).toBe('token/provider-failed')
    await sleep(300)
    expect(calls).toBe(1)
    expect(c.connection.state).toBe('failed')
  })

  it('reports an authCallback that returns no token as token/invalid', async () => {
    trap = trapProcessErrors()
    const errors: SockudoError[] = []
    const c = client({ protocolVersion: 2, authCallback: () => '' })
    c.on('error', (e) => errors.push(e))
    c.connect()
    await until(() => errors.length > 0, 5000, 'error event')
    expect(errors[0]!.code).toBe('token/invalid')
  })

  it('reports an authCallback that never settles as token/timeout and does not call it in a loop', async () => {
    trap = trapProcessErrors()
    let calls = 0
    const errors: SockudoError[] = []
    const c = client({ protocolVersion: 2, tokenTimeout: 200, authCallback: () => (calls++, new Promise<string>(() => undefined)) })
    c.on('error', (e) => errors.push(e))
    c.connect()
    await until(() => errors.length > 0, 3000, 'an error about the hanging provider')
    expect(errors[0]).toBeInstanceOf(TokenError)
    expect(errors[0]!.code).toBe('token/timeout')
    await sleep(600)
    expect(calls).toBeLessThanOrEqual(3)
  })
})
