import { SockudoClient } from '@sockudo/vue/core'
import type { SockudoError } from '@sockudo/vue/core'
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { judgeGrant } from '../../nuxt-module/src/runtime/server/utils/token-grant'
import { mintSockudoToken } from '../../nuxt-module/src/runtime/server/utils/token-issuer'
import { tokenCallback } from '../../nuxt-module/src/runtime/app/token-callback'
import { localServer } from './support/local-server'

// No Nuxt build: the minting and grant checks against the Sockudo server of this project.

const decode = (part: string): Record<string, unknown> => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>

/** Connects a V2 client with `token` and resolves with the socket id, or rejects with the first error. */
function connectWithToken(token: string): Promise<string> {
  const server = localServer()
  const client = new SockudoClient(server.key, {
    wsHost: server.host, wsPort: server.port, forceTls: false, protocolVersion: 2, token,
    webSocket: WebSocket as never, reconnect: { maxAttempts: 0 },
  })
  return new Promise<string>((resolve, reject) => {
    client.on('connected', ({ socketId }) => (client.disconnect(), resolve(socketId)))
    client.on('error', (error: SockudoError) => (client.disconnect(), reject(error)))
    client.connect()
  }).finally(() => client.disconnect())
}

describe('mintSockudoToken', () => {
  it('signs HS256 with kid = app key and the claims of core.md §8.1', () => {
    const { token, expiresAt } = mintSockudoToken({ key: 'k1', secret: 's1', clientId: 'u1', capabilities: { 'chat-*': ['subscribe'] }, defaultTtl: 600, now: 1_700_000_000_000 })
    const [header, claims] = token.split('.') as [string, string, string]
    expect(decode(header)).toEqual({ alg: 'HS256', typ: 'JWT', kid: 'k1' })
    expect(decode(claims)).toMatchObject({ 'iat': 1_700_000_000, 'exp': 1_700_000_600, 'x-sockudo-client-id': 'u1', 'x-sockudo-capability': { 'chat-*': ['subscribe'] } })
    expect(typeof decode(claims).jti).toBe('string')
    expect(expiresAt).toBe(1_700_000_600)
  })

  it('mints a token the Sockudo server accepts, and one with a wrong secret it refuses', async () => {
    const server = localServer()
    const good = mintSockudoToken({ key: server.key, secret: server.secret, clientId: 'token-user', capabilities: { '*': ['subscribe'] }, defaultTtl: 300 })
    expect(await connectWithToken(good.token)).toMatch(/^\d+\.\d+$/)
    const bad = mintSockudoToken({ key: server.key, secret: 'not-the-secret', clientId: 'token-user', capabilities: { '*': ['subscribe'] }, defaultTtl: 300 })
    await expect(connectWithToken(bad.token)).rejects.toMatchObject({ closeCode: 4009 })
  })
})

describe('the token issuer answer', () => {
  it.each([
    ['true', true], ['undefined', undefined], ['null', null], ['{}', {}], ['a string', 'yes'],
    ['an empty client id', { clientId: '', capabilities: { '*': ['subscribe'] } }],
    ['an unknown operation', { clientId: 'u', capabilities: { '*': ['fly'] } }],
    ['a pattern with two stars', { clientId: 'u', capabilities: { 'a*b*': ['subscribe'] } }],
    ['no patterns', { clientId: 'u', capabilities: {} }],
    ['a ttl over 24 h', { clientId: 'u', capabilities: { '*': ['subscribe'] }, ttl: 86_401 }],
  ])('refuses %s as invalid-decision', (_name, value) => {
    expect(judgeGrant(value)).toMatchObject({ allow: false, code: 'invalid-decision' })
  })

  it('refuses false as forbidden and allows a well-formed grant', () => {
    expect(judgeGrant(false)).toMatchObject({ allow: false, code: 'forbidden' })
    expect(judgeGrant({ clientId: 'u', capabilities: { 'chat-*': ['subscribe', 'publish'] }, ttl: 60 })).toEqual({
      allow: true, grant: { clientId: 'u', capabilities: { 'chat-*': ['subscribe', 'publish'] }, ttl: 60 },
    })
  })
})

describe('the client token callback', () => {
  it('posts socket id, reason and client name and returns the token', async () => {
    const calls: { url: string, body: unknown }[] = []
    const fetch = (async (url: string, init: RequestInit) => {
      calls.push({ url, body: JSON.parse(String(init.body)) })
      return new Response(JSON.stringify({ token: 'a.b.c' }), { status: 200 })
    }) as typeof globalThis.fetch
    const callback = tokenCallback({ endpoint: '/api/_sockudo/token', client: 'v2', fetch })
    expect(await callback({ socketId: '1.2', reason: 'refresh' })).toBe('a.b.c')
    expect(calls).toEqual([{ url: '/api/_sockudo/token', body: { socket_id: '1.2', reason: 'refresh', client: 'v2' } }])
  })

  it('turns a refusal into a typed TokenError carrying the route code', async () => {
    const fetch = (async () => new Response(JSON.stringify({ code: 'not-configured' }), { status: 403 })) as typeof globalThis.fetch
    const callback = tokenCallback({ endpoint: '/t', client: 'default', fetch })
    await expect(callback({ reason: 'initial' })).rejects.toMatchObject({ name: 'TokenError', code: 'token/forbidden', status: 403, body: { code: 'not-configured' } })
  })
})
