import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { startServer, type TestServer } from '../index'
import { channelAuth } from '../../support/auth'
import { control } from '../../support/control'
import { skipUnless } from '../../support/real-server'
import { httpUrl, liveTarget, openRaw, wsUrl, type JsonFrame, type LiveTarget } from '../../support/live'
import { signedFetch } from '../../support/signed-fetch'
import { capabilityToken } from '../../support/token'

const unique = (prefix: string) => `${prefix}${randomUUID().slice(0, 8)}`

/** Collects every text frame until the socket closes. */
function openUntilClose(url: string): Promise<{ frames: JsonFrame[]; code: number; reason: string }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url)
    const frames: JsonFrame[] = []
    ws.on('message', (d) => frames.push(JSON.parse(String(d)) as JsonFrame))
    ws.on('close', (code, reason) => resolve({ frames, code, reason: String(reason) }))
  })
}

describe('capability tokens', () => {
  it('connects with a token and enforces its subscribe grants', async (ctx) => {
    skipUnless(ctx, ['namespaces'])
    const token = capabilityToken({ clientId: 'alice', capability: { 'orders:*': ['subscribe'] } })
    const c = await openRaw(`protocol=2&token=${token}`)
    c.send({ event: 'sockudo:subscribe', data: { channel: 'orders:1' } })
    await c.next((f) => f.event === 'sockudo_internal:subscription_succeeded')
    c.send({ event: 'sockudo:subscribe', data: { channel: 'public-room' } })
    expect((await c.next((f) => f.event === 'sockudo:error')).data).toEqual({ code: 4009, message: "Authentication error: Connection is not allowed to subscribe channel 'public-room'" })
    await c.close()
  })

  it('closes a V1 token connection and an invalid token with 4009', async () => {
    const v1 = await openUntilClose(wsUrl(`protocol=7&token=${capabilityToken()}`))
    expect(v1.code).toBe(4009)
    // The error frame, then the close routine's: both `pusher:error` on a V1 socket (as on Sockudo 5.2).
    const refusal = { event: 'pusher:error', data: { code: 4009, message: 'Authentication error: capability tokens require protocol V2' } }
    expect(v1.frames).toEqual([refusal, refusal])
    const forged = await openUntilClose(wsUrl(`protocol=2&token=${capabilityToken({ secret: 'forged' })}`))
    expect(forged.code).toBe(4009)
    expect(forged.frames.map((f) => f.event)).toEqual(['sockudo:error', 'pusher:error'])
    expect(forged.frames[1]?.data).toEqual({ code: 4009, message: 'Authentication error: capability token signature or claims are invalid' })
  })

  it('sends token_expired 40142 and accepts a refresh with sockudo:auth', async ({ skip }) => {
    skipUnless({ skip }, ['controlRoutes'])
    const c = await openRaw(`protocol=2&token=${capabilityToken({ clientId: 'bob' })}`)
    await control('expire-token', { socketId: c.socketId })
    expect((await c.next((f) => f.event === 'sockudo:token_expired')).data).toEqual({ code: 40142, reason: 'expired' })
    const jti = randomUUID()
    c.send({ event: 'sockudo:auth', data: { token: capabilityToken({ clientId: 'bob', jti }) } })
    const ok = await c.next((f) => f.event === 'sockudo:auth_success')
    expect(ok.data).toMatchObject({ client_id: 'bob', jti })
    c.send({ event: 'sockudo:auth', data: { token: capabilityToken({ clientId: 'mallory' }) } })
    expect((await c.next((f) => f.event === 'sockudo:error')).data).toEqual({ code: 4009, message: 'Authentication error: capability token refresh cannot change client_id' })
    await c.close()
  })

  it('revokes a token over HTTP: token_expired 40160 then close 4009', async () => {
    const target = liveTarget()
    const jti = randomUUID()
    const c = await openRaw(`protocol=2&token=${capabilityToken({ jti })}`)
    const closed = new Promise<number>((resolve) => c.ws.once('close', (code) => resolve(code)))
    const res = await signedFetch(httpUrl(target), { key: target.key, secret: target.secret, method: 'POST', path: `/apps/${target.appId}/revocations`, body: JSON.stringify({ jti }) })
    expect(JSON.parse(res.text)).toEqual({ revoked_jti: true, revoked_client_id: false, closed_connections: 1 })
    expect(await closed).toBe(4009)
    expect(c.frames.slice(-2)).toEqual([
      expect.objectContaining({ event: 'sockudo:token_expired', data: { code: 40160, reason: 'revoked' } }),
      { event: 'pusher:error', data: { code: 4009, message: 'capability token revoked' } },
    ])
    const again = await openUntilClose(wsUrl(`protocol=2&token=${capabilityToken({ jti })}`))
    expect(again.frames[1]?.data).toEqual({ code: 4009, message: 'Authentication error: capability token has been revoked' })
  })

  it('rejects sockudo:auth on V1', async () => {
    const c = await openRaw('protocol=7')
    c.send({ event: 'sockudo:auth', data: { token: capabilityToken() } })
    expect((await c.next((f) => f.event === 'pusher:error')).data).toEqual({ code: 4009, message: 'Authentication error: sockudo:auth is only supported on protocol V2' })
    await c.close()
  })
})

describe('token expiry timing (own server, short grace)', () => {
  let server: TestServer
  let t: LiveTarget
  beforeAll(async () => {
    server = await startServer({ tokenGrace: 0.2 })
    t = { host: server.host, port: server.port, appId: 'app-id', key: 'app-key', secret: 'app-secret', real: false }
  })
  afterAll(() => server.close())

  it('closes 4009 "capability token expired" after exp plus the grace', async () => {
    const token = capabilityToken({ ttl: 1, iat: Math.floor(Date.now() / 1000) }, t)
    const result = await openUntilClose(wsUrl(`protocol=2&token=${token}`, t))
    expect(result.code).toBe(4009)
    expect(result.frames.map((f) => f.event)).toEqual(['sockudo:connection_established', 'sockudo:token_expired', 'pusher:error'])
    expect(result.reason).toBe('capability token expired')
  })
})

describe('V2 presence_update', () => {
  it('broadcasts sockudo_internal:presence_update to every member; later subscribers get the joined info', async () => {
    const channel = unique('presence-')
    const a = await openRaw('protocol=2')
    const b = await openRaw('protocol=2')
    for (const [c, id] of [[a, 'pa'], [b, 'pb']] as const) {
      const channelData = JSON.stringify({ user_id: id, user_info: { s: 'idle' } })
      c.send({ event: 'sockudo:subscribe', data: { channel, auth: channelAuth(c.socketId, channel, channelData), channel_data: channelData } })
      await c.next((f) => f.event === 'sockudo_internal:subscription_succeeded')
    }
    a.send({ event: 'sockudo:presence_update', data: JSON.stringify({ channel, data: { s: 'typing' } }) })
    for (const c of [a, b]) {
      const update = await c.next((f) => f.event === 'sockudo_internal:presence_update')
      expect(JSON.parse(update.data as string)).toEqual({ user_id: 'pa', user_info: { s: 'typing' } })
    }
    const late = await openRaw('protocol=2')
    const channelData = JSON.stringify({ user_id: 'pc' })
    late.send({ event: 'sockudo:subscribe', data: { channel, auth: channelAuth(late.socketId, channel, channelData), channel_data: channelData } })
    const ack = await late.next((f) => f.event === 'sockudo_internal:subscription_succeeded')
    // Sockudo 5.2.0 gives a later subscriber the info the member joined with, not the update.
    expect((JSON.parse(ack.data as string) as { presence: { hash: Record<string, unknown> } }).presence.hash.pa).toEqual({ s: 'idle' })
    await Promise.all([a.close(), b.close(), late.close()])
  })
})
