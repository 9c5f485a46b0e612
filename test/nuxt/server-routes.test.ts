import { request as httpRequest } from 'node:http'
import Pusher from 'pusher'
import { $fetch, fetch, url, useTestContext } from '@nuxt/test-utils/e2e'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { setupFixture } from './support/fixture'
import { localServer, serverEnv } from './support/local-server'
import { connectPeer } from './support/peer'
import type { Peer } from './support/peer'
import { skipUnless } from '../support/real-server'

// Run-time credentials differ from the fixture's build-time ones: env overrides need no rebuild.
const server = localServer()
const masterKey = Buffer.from('nuxt-runtime-master-key-32bytes!').toString('base64')
// The fixture is a production build and the local server uses the well-known secret: allowed here only.
await setupFixture({ env: { ...serverEnv(server, masterKey), SOCKUDO_ALLOW_DEFAULT_SECRET: '1' } })

const pusher = new Pusher({ appId: server.appId, key: server.key, secret: server.secret, host: server.host, port: String(server.port), useTLS: false, encryptionMasterKeyBase64: masterKey })
const signedIn = { 'x-test-user': 'u-42' }
const form = (fields: Record<string, string>): URLSearchParams => new URLSearchParams(fields)

interface AuthBody { auth: string, channel_data?: string, shared_secret?: string }
const authorize = (body: BodyInit | Record<string, string>, headers: Record<string, string> = signedIn): Promise<AuthBody> =>
  $fetch<AuthBody>('/api/_sockudo/auth', { method: 'POST', body, headers })

describe('channel auth route', () => {
  it('signs a private channel sent as a form, exactly as the pusher SDK does', async () => {
    const body = await authorize(form({ socket_id: '1234.5678', channel_name: 'private-orders' }))
    expect(body).toEqual(pusher.authorizeChannel('1234.5678', 'private-orders'))
  })

  it('accepts a JSON body too', async () => {
    const body = await authorize({ socket_id: '1234.5678', channel_name: 'private-orders' })
    expect(body.auth).toBe(pusher.authorizeChannel('1234.5678', 'private-orders').auth)
  })

  it('signs a presence channel with the member the authorizer returned', async () => {
    const body = await authorize(form({ socket_id: '1.2', channel_name: 'presence-room' }))
    const member = { user_id: 'u-42', user_info: { name: 'User u-42' } }
    expect(JSON.parse(body.channel_data!)).toEqual(member)
    expect(body).toEqual(pusher.authorizeChannel('1.2', 'presence-room', member))
  })

  it('returns the shared secret derived from the master key for private-encrypted channels', async () => {
    const body = await authorize(form({ socket_id: '1.2', channel_name: 'private-encrypted-vault' }))
    expect(body.shared_secret).toMatch(/^[A-Za-z0-9+/]{43}=$/)
    expect(body).toEqual(pusher.authorizeChannel('1.2', 'private-encrypted-vault'))
  })

  it('signs user authentication with the user from the app hook', async () => {
    const body = await $fetch<{ auth: string, user_data: string }>('/api/_sockudo/user-auth', { method: 'POST', body: form({ socket_id: '1.2' }), headers: signedIn })
    expect(body).toEqual(pusher.authenticateUser('1.2', { id: 'u-42', user_info: { name: 'User u-42' } }))
  })
})

describe('the local server accepts subscriptions signed by the route', () => {
  let peer: Peer | undefined
  afterEach(() => peer?.close())

  it.each(['private-chat', 'presence-lobby', 'private-encrypted-notes'])('subscribes to %s', async (channel) => {
    peer = await connectPeer(server.host, server.port, server.key)
    const auth = await authorize(form({ socket_id: peer.socketId, channel_name: channel }))
    const answer = await peer.subscribe(channel, auth)
    expect(answer.event).toBe('pusher_internal:subscription_succeeded')
  })

  it('is refused by the server when the signature is for another socket', async () => {
    peer = await connectPeer(server.host, server.port, server.key)
    const auth = await authorize(form({ socket_id: '1.1', channel_name: 'private-chat' }))
    const answer = await peer.subscribe('private-chat', auth)
    expect(answer.event).toBe('pusher:error')
  })
})

describe('denials', () => {
  const post = (body: BodyInit, headers: Record<string, string> = signedIn): Promise<Response> =>
    fetch('/api/_sockudo/auth', { method: 'POST', body, headers })

  it('answers 403 when the authorizer says no', async () => {
    expect((await post(form({ socket_id: '1.2', channel_name: 'private-forbidden-x' }))).status).toBe(403)
  })

  it('answers 403 for a signed-out request (authorizer returns false)', async () => {
    expect((await post(form({ socket_id: '1.2', channel_name: 'private-chat' }), {})).status).toBe(403)
  })

  it('answers 403 to user auth without a user', async () => {
    const res = await fetch('/api/_sockudo/user-auth', { method: 'POST', body: form({ socket_id: '1.2' }) })
    expect(res.status).toBe(403)
  })

  it.each(['abc', '1.2.3', '', '12'])('answers 400 for the socket id %j', async (socketId) => {
    expect((await post(form({ socket_id: socketId, channel_name: 'private-chat' }))).status).toBe(400)
  })

  it.each(['private-bad name', 'private-ümlaut', `private-${'x'.repeat(200)}`, ''])('answers 400 for the channel name %j', async (channel) => {
    expect((await post(form({ socket_id: '1.2', channel_name: channel }))).status).toBe(400)
  })

  it('rejects GET with 405', async () => {
    const res = await fetch('/api/_sockudo/auth?socket_id=1.2&channel_name=private-chat', { headers: signedIn })
    expect(res.status).toBe(405)
  })

  it('rejects a cross-origin POST with 403 but accepts the same origin', async () => {
    const body = form({ socket_id: '1.2', channel_name: 'private-chat' })
    expect((await post(body, { ...signedIn, origin: 'https://evil.example' })).status).toBe(403)
    const sameOrigin = new URL(url('/')).origin
    expect((await post(form({ socket_id: '1.2', channel_name: 'private-chat' }), { ...signedIn, origin: sameOrigin })).status).toBe(200)
  })
})

describe('proxies (behind the same authorizer)', () => {
  const proxy = (path: string, body: unknown, headers: Record<string, string> = signedIn): Promise<Response> =>
    fetch(`/api/_sockudo${path}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) })

  it('reads channel history through the signed HTTP API', async (ctx) => {
    skipUnless(ctx, ['history'])
    await pusher.trigger('nuxt-history-room', 'note', { n: 1 })
    const res = await proxy('/history', { channel: 'nuxt-history-room', action: 'channel_history', params: { limit: 10 } })
    expect(res.status).toBe(200)
    // With versioned messages on, Sockudo stores a never-edited message in its aggregate form:
    // `sockudo:message.create` with the published event name in `name`.
    const body = await res.json() as { items: { message: { event: string, name?: string } }[] }
    expect(body.items.map(item => item.message)).toContainEqual(expect.objectContaining({ event: 'sockudo:message.create', name: 'note' }))
  })

  it('serves channel_history on the versioned-messages route too', async (ctx) => {
    skipUnless(ctx, ['history'])
    const res = await proxy('/versioned-messages', { channel: 'nuxt-history-room', action: 'channel_history', params: { limit: 10 } })
    expect(res.status).toBe(200)
  })

  it('keeps the pre-rename path and route name working until 0.2.0, with one warning', async (ctx) => {
    skipUnless(ctx, ['history'])
    const body = { channel: 'nuxt-history-room', action: 'channel_history', params: { limit: 10 } }
    expect((await proxy('/messages', body)).status).toBe(200)
    // This authorizer answers only under the old route name `messages`.
    const legacy = { ...signedIn, 'x-test-legacy-route': '1' }
    expect((await proxy('/versioned-messages', body, legacy)).status).toBe(200)
    expect((await proxy('/versioned-messages', body, legacy)).status).toBe(200)
    expect((await proxy('/history', body, legacy)).status).toBe(403)
    const logs = (): string => useTestContext().serverLogs.join('\n')
    await vi.waitFor(() => expect(logs()).toMatch(/deprecated route name 'messages'/), { timeout: 5000 })
    expect(logs().match(/deprecated route name 'messages'/g)).toHaveLength(1)
  })

  it('refuses a proxied read the authorizer denies', async () => {
    const res = await proxy('/history', { channel: 'private-forbidden-log', action: 'channel_history', params: {} })
    expect(res.status).toBe(403)
    expect((await proxy('/history', { channel: 'nuxt-history-room', action: 'channel_history', params: {} }, {})).status).toBe(403)
  })
})

describe('hostile input through the Nuxt routes', () => {
  const json = (path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`/api/_sockudo${path}`, { method: 'POST', headers: { ...signedIn, 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })

  const malformed = ['undefined', 'null', '0', '""', 'NaN', '{}', '[]', '"yes"', '{"capability":"push-root"}', '{"user":{}}', '{"clientId":""}']
  it.each(malformed)('refuses the authorizer answer %s on every route with 403 and signs nothing', async (decision) => {
    const headers = { 'x-test-decision': decision }
    const answers = await Promise.all([
      json('/auth', { socket_id: '1.2', channel_name: 'private-chat' }, headers),
      json('/auth', { socket_id: '1.2', channel_name: 'presence-lobby' }, headers),
      json('/history', { channel: 'chat-room', action: 'channel_history' }, headers),
      json('/presence-history', { channel: 'presence-lobby', action: 'history' }, headers),
      json('/versioned-messages', { channel: 'chat-room', action: 'message_delete', messageSerial: 's1' }, headers),
      fetch('/api/_sockudo/push/deviceRegistrations', { headers: { ...signedIn, ...headers } }),
    ])
    for (const res of answers) {
      expect(res.status).toBe(403)
      const body = await res.json() as { code: string }
      expect(['forbidden', 'invalid_decision']).toContain(body.code)
      expect(body).not.toHaveProperty('auth')
    }
  })

  it('takes only the field each route reads from an object answer', async () => {
    const presence = await json('/auth', { socket_id: '1.2', channel_name: 'presence-lobby' }, { 'x-test-decision': '{"user":{"user_id":"u-9"},"clientId":"x"}' })
    expect(JSON.parse((await presence.json() as AuthBody).channel_data!)).toEqual({ user_id: 'u-9' })
    const history = await json('/history', { channel: 'chat-room', action: 'channel_history' }, { 'x-test-decision': '{"user":{"user_id":"u-9"}}' })
    expect(history.status).toBe(403)
  })

  it('refuses a protocol event name on publish_create with 400', async () => {
    const res = await json('/versioned-messages', { channel: 'presence-lobby', action: 'publish_create', name: 'pusher_internal:member_added', data: '{"user_id":"ceo"}' })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ code: 'proxy/reserved-event-name' })
  })

  it('compares the scheme of the Origin and names allowedOrigins in the refusal', async () => {
    const own = new URL(url('/'))
    const res = await json('/auth', { socket_id: '1.2', channel_name: 'private-chat' }, { origin: `https://${own.host}` })
    expect(res.status).toBe(403)
    expect((await res.json() as { error: string }).error).toContain('allowedOrigins')
  })

  it('answers JSON with nosniff', async () => {
    const res = await json('/auth', { socket_id: '1.2', channel_name: 'private-chat' })
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('refuses a chunked body over the limit with 413 before the body has ended', async () => {
    // 1 MiB (16x the 64 KiB limit) is written and the body is never ended: the answer can only
    // come from a route that stops reading at the limit. Nothing is written after that, so the
    // server closing the socket cannot reset a write before its 413 is read.
    const status = await new Promise<number>((resolve, reject) => {
      let answered = false
      const req = httpRequest(url('/api/_sockudo/auth'), { method: 'POST', headers: { ...signedIn, 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
        answered = true
        res.resume()
        resolve(res.statusCode ?? 0)
        req.destroy()
      })
      req.on('error', error => (answered ? undefined : reject(error)))
      const chunk = Buffer.alloc(64 * 1024, 'a')
      for (let i = 0; i < 16; i++) req.write(chunk)
    })
    expect(status).toBe(413)
  })
})
