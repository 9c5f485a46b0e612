import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { AuthError, SockudoClient, isSockudoError } from '@sockudo/vue/core'
import { liveTarget, serverSdk } from '../../support/live'
import { connect, createClient, uid, waitFor } from './helpers'

/** A tiny auth endpoint whose answer each test chooses. */
let answer: (body: URLSearchParams, headers: Record<string, string | string[] | undefined>) => { status: number; body: string }
let endpoint = ''
let http: Server
let lastHeaders: Record<string, string | string[] | undefined> = {}
let lastBody = new URLSearchParams()

beforeAll(async () => {
  http = createServer((req, res) => {
    let raw = ''
    req.on('data', (c: Buffer) => (raw += c.toString()))
    req.on('end', () => {
      lastBody = new URLSearchParams(raw)
      lastHeaders = req.headers
      const { status, body } = answer(lastBody, req.headers)
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(body)
    })
  })
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r))
  endpoint = `http://127.0.0.1:${(http.address() as AddressInfo).port}/auth`
})
afterAll(() => new Promise<void>((r) => http.close(() => r())))

const clients: SockudoClient[] = []
afterEach(() => {
  for (const c of clients.splice(0)) c.disconnect()
})

function endpointClient(extra: { headers?: () => Record<string, string>; params?: Record<string, string>; timeout?: number } = {}): SockudoClient {
  const t = liveTarget()
  const client = new SockudoClient(t.key, {
    wsHost: t.host, wsPort: t.port, forceTls: false,
    channelAuthorization: { endpoint, ...extra },
  })
  clients.push(client)
  return client
}

async function failure(client: SockudoClient, name: string) {
  const channel = client.subscribe(name)
  await waitFor(() => channel.state === 'failed', 5000, 'failed')
  return channel.error
}

describe('channel authorization failures', () => {
  it('posts socket_id, channel_name and per-request headers/params to the endpoint', async () => {
    const sdk = serverSdk()
    answer = (body) => ({ status: 200, body: JSON.stringify(sdk.authorizeChannel(body.get('socket_id')!, body.get('channel_name')!)) })
    let n = 0
    const client = await connect(endpointClient({ headers: () => ({ 'x-request': String(++n) }), params: { room: 'blue' } }))
    const channel = client.subscribe(`private-auth-${uid()}`)
    await waitFor(() => channel.subscribed)
    expect(lastBody.get('socket_id')).toBe(client.connection.socketId)
    expect(lastBody.get('channel_name')).toBe(channel.name)
    expect(lastBody.get('room')).toBe('blue')
    expect(lastHeaders['x-request']).toBe('1')
    expect(lastHeaders['content-type']).toBe('application/x-www-form-urlencoded')
  })

  it('fails with auth/forbidden and the HTTP status on 403', async () => {
    answer = () => ({ status: 403, body: '{"error":"nope"}' })
    const client = await connect(endpointClient())
    const error = await failure(client, `private-f-${uid()}`)
    expect(error).toBeInstanceOf(AuthError)
    expect(error).toMatchObject({ code: 'auth/forbidden', status: 403 })
  })

  it('fails with auth/http-error on a 500', async () => {
    answer = () => ({ status: 500, body: 'boom' })
    const client = await connect(endpointClient())
    expect(await failure(client, `private-e-${uid()}`)).toMatchObject({ code: 'auth/http-error', status: 500, retryable: true })
  })

  it('fails with auth/invalid-response on a non-JSON body', async () => {
    answer = () => ({ status: 200, body: '<html>' })
    const client = await connect(endpointClient())
    expect(await failure(client, `private-j-${uid()}`)).toMatchObject({ code: 'auth/invalid-response', status: 200 })
  })

  it('fails with auth/missing-field when auth is missing', async () => {
    answer = () => ({ status: 200, body: '{"foo":1}' })
    const client = await connect(endpointClient())
    expect(await failure(client, `private-m-${uid()}`)).toMatchObject({ code: 'auth/missing-field' })
  })

  it('fails a presence subscription whose auth has no channel_data, without sending it', async () => {
    const sdk = serverSdk()
    answer = (body) => ({ status: 200, body: JSON.stringify(sdk.authorizeChannel(body.get('socket_id')!, body.get('channel_name')!)) })
    const client = await connect(endpointClient())
    const error = await failure(client, `presence-nodata-${uid()}`)
    expect(error).toMatchObject({ code: 'auth/missing-field' })
    expect(client.connection.state).toBe('connected')
  })

  it('fails with auth/timeout when the endpoint does not answer in time', async () => {
    answer = () => ({ status: 200, body: '{}' })
    const slow = createServer(() => undefined)
    await new Promise<void>((r) => slow.listen(0, '127.0.0.1', r))
    const t = liveTarget()
    const client = new SockudoClient(t.key, {
      wsHost: t.host, wsPort: t.port, forceTls: false,
      channelAuthorization: { endpoint: `http://127.0.0.1:${(slow.address() as AddressInfo).port}/auth`, timeout: 100 },
    })
    clients.push(client)
    await connect(client)
    expect(await failure(client, `private-t-${uid()}`)).toMatchObject({ code: 'auth/timeout', retryable: true })
    slow.closeAllConnections()
    slow.close()
  })

  it('attributes the server rejection of a bad signature to the pending channel', async () => {
    const client = await connect(createClient())
    clients.push(client)
    const t = liveTarget()
    const bad = new SockudoClient(t.key, {
      protocolVersion: 1,
      wsHost: t.host, wsPort: t.port, forceTls: false,
      channelAuthorization: { customHandler: async () => ({ auth: `${t.key}:${'0'.repeat(64)}` }) },
    })
    clients.push(bad)
    await connect(bad)
    const errors: unknown[] = []
    bad.on('error', (e) => errors.push(e))
    const error = await failure(bad, `private-bad-${uid()}`)
    expect(isSockudoError(error, 'auth/rejected')).toBe(true)
    expect(error).toMatchObject({ serverCode: 4009 })
    expect(errors).toEqual([])
    expect(bad.connection.state).toBe('connected')
  })

  it('surfaces a customHandler rejection as auth/handler-failed', async () => {
    const t = liveTarget()
    const client = new SockudoClient(t.key, {
      wsHost: t.host, wsPort: t.port, forceTls: false,
      channelAuthorization: { customHandler: async () => Promise.reject(new Error('no session')) },
    })
    clients.push(client)
    await connect(client)
    expect(await failure(client, `private-h-${uid()}`)).toMatchObject({ code: 'auth/handler-failed', message: 'no session' })
  })
})
