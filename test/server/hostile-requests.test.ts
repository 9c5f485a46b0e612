import { request as httpRequest } from 'node:http'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createChannelAuthHandler, createHistoryProxy, createPushProxy, createUserAuthHandler, createVersionedMessagesProxy } from '@sockudo/vue/server'
import type { SockudoHandler, VersionedMessagesProxyEvent } from '@sockudo/vue/server'
import { serveHandler } from './serve'
import type { TestServer } from './serve'
import { fakeUpstream } from './upstream'
import type { Reply } from './upstream'

const servers: TestServer[] = []
afterEach(async () => {
  vi.unstubAllEnvs()
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

type Upstream = Awaited<ReturnType<typeof fakeUpstream>>
async function upstreamCreds(reply: () => Reply = () => ({ status: 200, body: '{"ok":true}' })): Promise<{ creds: { appId: string; key: string; secret: string; port: number }; upstream: Upstream }> {
  const upstream = await fakeUpstream(reply)
  servers.push(upstream)
  return { creds: { appId: 'app-id', key: 'app-key', secret: 'app-secret', port: Number(new URL(upstream.url).port) }, upstream }
}

const post = (handler: SockudoHandler, body: unknown, headers: Record<string, string> = {}, url = 'http://app.test/'): Promise<Response> =>
  handler(new Request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }))

describe('publish_create (point 3)', () => {
  it.each(['pusher:subscribe', 'pusher_internal:member_added', 'sockudo:message.update', 'sockudo_internal:presence_update', 'PUSHER_INTERNAL:member_added'])('refuses the reserved event name %s with 400', async (name) => {
    const { creds, upstream } = await upstreamCreds()
    const res = await post(createVersionedMessagesProxy({ ...creds, authorize: () => true }), { channel: 'presence-room', action: 'publish_create', name, data: '{}' })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ code: 'proxy/reserved-event-name' })
    expect(upstream.seen).toHaveLength(0)
  })

  it('refuses a reserved name on an update too', async () => {
    const { creds, upstream } = await upstreamCreds()
    const res = await post(createVersionedMessagesProxy({ ...creds, authorize: () => true }), { channel: 'chat', action: 'message_update', messageSerial: 's1', name: 'pusher_internal:member_added' })
    expect(res.status).toBe(400)
    expect(upstream.seen).toHaveLength(0)
  })

  it('gives the event name to the authorizer as its own field', async () => {
    const { creds } = await upstreamCreds()
    const events: VersionedMessagesProxyEvent[] = []
    const handler = createVersionedMessagesProxy({ ...creds, authorize: (event) => (events.push(event), true) })
    await post(handler, { channel: 'chat', action: 'publish_create', name: 'chat.message', data: 'hi' })
    await post(handler, { channel: 'chat', action: 'publish_create', data: 'hi' })
    expect(events.map((e) => e.name)).toEqual(['chat.message', 'sockudo:message.create'])
  })

  it('forwards only the allowed extras keys and refuses others with 400', async () => {
    const { creds, upstream } = await upstreamCreds()
    const handler = createVersionedMessagesProxy({ ...creds, authorize: () => true })
    const ok = await post(handler, { channel: 'chat', action: 'publish_create', data: 'hi', extras: { headers: { topic: 'a' }, ephemeral: true, echo: false } })
    expect(ok.status).toBe(200)
    expect(JSON.parse(upstream.seen[0]!.body).extras).toEqual({ headers: { topic: 'a' }, ephemeral: true, echo: false })
    for (const extras of [{ push: { title: 'x' } }, { ai: { transport: { 'run-client-id': 'admin' } } }, { headers: { sockudo_action: 'message.delete' } }, { headers: { nested: { a: 1 } } }, { echo: 'yes' }, 'x']) {
      const res = await post(handler, { channel: 'chat', action: 'publish_create', data: 'hi', extras })
      expect(res.status, JSON.stringify(extras)).toBe(400)
    }
    expect(upstream.seen).toHaveLength(1)
  })
})

describe('request bodies (point 6)', () => {
  it('refuses a 50 MiB chunked body with 413 after reading at most a little past the limit, before authorizing', async () => {
    let asked = 0
    const server = await serveHandler(createChannelAuthHandler({ key: 'k', secret: 's', authorize: () => (asked++, true) }))
    servers.push(server)
    const status = await sendChunked(server.url, 50 * 1024 * 1024)
    expect(status).toBe(413)
    expect(asked).toBe(0)
    expect(server.bodyBytesRead).toBeLessThan(1024 * 1024)
  })

  it('refuses a body longer than its Content-Length claims', async () => {
    const handler = createUserAuthHandler({ key: 'k', secret: 's', maxBodyBytes: 100, authorize: () => ({ id: 'u' }) })
    const res = await handler(new Request('http://app.test/', { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '10' }, body: JSON.stringify({ socket_id: '1.2', pad: 'x'.repeat(500) }) }))
    expect(res.status).toBe(413)
  })
})

/** Streams `total` bytes with chunked transfer encoding; resolves with the status (stops sending once it arrives). */
function sendChunked(url: string, total: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let answered = false
    const req = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'transfer-encoding': 'chunked' } }, (res) => {
      answered = true
      res.resume()
      resolve(res.statusCode ?? 0)
    })
    req.on('error', (error) => (answered ? undefined : reject(error)))
    const chunk = Buffer.alloc(64 * 1024, 'a')
    let sent = 0
    const pump = (): void => {
      while (!answered && sent < total) {
        sent += chunk.length
        if (!req.write(chunk)) return void req.once('drain', pump)
      }
      req.end()
    }
    pump()
  })
}

describe('dot segments (point 7)', () => {
  it.each(['.', '..'])('refuses the channel name %j with 400', async (channel) => {
    const { creds, upstream } = await upstreamCreds()
    expect((await post(createHistoryProxy({ ...creds, authorize: () => true }), { channel })).status).toBe(400)
    expect((await post(createChannelAuthHandler({ key: 'k', secret: 's', authorize: () => true }), { socket_id: '1.2', channel_name: channel })).status).toBe(400)
    expect(upstream.seen).toHaveLength(0)
  })

  it.each(['.', '..', '%2e%2e', '.%2E'])('refuses the serial %j with 400', async (serial) => {
    const { creds, upstream } = await upstreamCreds()
    const handler = createVersionedMessagesProxy({ ...creds, authorize: () => true })
    expect((await post(handler, { channel: 'chat', action: 'message_delete', messageSerial: serial })).status).toBe(400)
    expect((await post(handler, { channel: 'chat', action: 'delete_annotation', messageSerial: 's1', annotationSerial: serial })).status).toBe(400)
    expect(upstream.seen).toHaveLength(0)
  })

  it('refuses dot segments in a push path', async () => {
    const { creds, upstream } = await upstreamCreds()
    const handler = createPushProxy({ ...creds, basePath: '/push', authorize: () => 'push-admin' })
    for (const path of ['/push/deviceRegistrations/%2e%2e/%2e%2e/%2e%2e/channels', '/push/deviceRegistrations/.%2E']) {
      const res = await handler(new Request(`http://app.test${path}`, { method: 'DELETE' }))
      expect(res.status, path).toBeGreaterThanOrEqual(400)
      expect(res.status, path).toBeLessThan(500)
    }
    expect(upstream.seen).toHaveLength(0)
  })
})

describe('relayed responses (point 8)', () => {
  it('answers JSON with nosniff even when Sockudo answers text/html', async () => {
    const { creds } = await upstreamCreds(() => ({ status: 200, body: '<script>alert(1)</script>', headers: { 'content-type': 'text/html' } }))
    const res = await post(createHistoryProxy({ ...creds, authorize: () => true }), { channel: 'orders' })
    expect(res.headers.get('content-type')).toBe('application/json')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(() => JSON.parse(res.headers.get('content-type') === 'application/json' ? 'null' : '')).not.toThrow()
    expect(await res.text()).not.toContain('<script>')
  })

  it('keeps a JSON body byte for byte and marks every answer nosniff', async () => {
    const body = '{"items":[{"serial":9007199254740993}]}'
    const { creds } = await upstreamCreds(() => ({ status: 200, body, headers: { 'content-type': 'application/json; charset=utf-8' } }))
    const res = await post(createHistoryProxy({ ...creds, authorize: () => true }), { channel: 'orders' })
    expect(res.headers.get('content-type')).toBe('application/json')
    expect(await res.text()).toBe(body)
    const denied = await post(createChannelAuthHandler({ key: 'k', secret: 's' }), { socket_id: '1.2', channel_name: 'private-a' })
    expect(denied.headers.get('x-content-type-options')).toBe('nosniff')
  })
})

describe('push requests (point 9)', () => {
  it.each(['auth_signature', 'auth_key', 'AUTH_TIMESTAMP', 'body_md5'])('answers 400 to the reserved query parameter %s', async (name) => {
    const { creds, upstream } = await upstreamCreds()
    const res = await createPushProxy({ ...creds, basePath: '/push', authorize: () => true })(new Request(`http://app.test/push/deviceRegistrations?${name}=x`))
    expect(res.status).toBe(400)
    expect(upstream.seen).toHaveLength(0)
  })

  it('requires a JSON content type on POST (415)', async () => {
    const { creds, upstream } = await upstreamCreds()
    const handler = createPushProxy({ ...creds, basePath: '/push', authorize: () => true })
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', '']) {
      const headers: Record<string, string> = type ? { 'content-type': type } : {}
      const res = await handler(new Request('http://app.test/push/deviceRegistrations', { method: 'POST', headers, body: '{"id":"d1"}' }))
      expect(res.status, type).toBe(415)
    }
    expect(upstream.seen).toHaveLength(0)
  })
})

describe('production and origins (point 12)', () => {
  const fields = { socket_id: '1.2', channel_name: 'private-a' }

  it('refuses to create a signing handler with the well-known default secret in production', async () => {
    vi.stubEnv('NODE_ENV', 'production')
    expect(() => createChannelAuthHandler({ key: 'app-key', secret: 'app-secret', authorize: () => true })).toThrow(/default secret/)
    expect(() => createUserAuthHandler({ key: 'app-key', secret: 'app-secret' })).toThrow(/default secret/)
    const { creds } = await upstreamCreds()
    expect(() => createHistoryProxy({ ...creds, authorize: () => true })).toThrow(/default secret/)
    vi.stubEnv('NODE_ENV', 'development')
    expect(() => createChannelAuthHandler({ key: 'app-key', secret: 'app-secret' })).not.toThrow()
  })

  it('compares scheme, host and port of the Origin', async () => {
    const handler = createChannelAuthHandler({ key: 'k', secret: 's', authorize: () => true })
    const at = 'https://app.test/auth'
    expect((await post(handler, fields, { origin: 'https://app.test' }, at)).status).toBe(200)
    expect((await post(handler, fields, { origin: 'http://app.test' }, at)).status).toBe(403)
    expect((await post(handler, fields, { origin: 'https://app.test:8443' }, at)).status).toBe(403)
    expect((await post(handler, fields, { origin: 'https://app.test:443' }, at)).status).toBe(200)
  })

  it('names the options to set in the 403 for a refused origin', async () => {
    const handler = createChannelAuthHandler({ key: 'k', secret: 's', authorize: () => true })
    const res = await post(handler, fields, { origin: 'http://localhost:5173', host: 'localhost:3000' }, 'http://localhost:3000/auth')
    const body = (await res.json()) as { code: string; error: string }
    expect(body.code).toBe('forbidden_origin')
    expect(body.error).toContain('allowedOrigins')
    expect(body.error).toContain('trustForwardedHost')
  })

  it('with trustForwardedHost, takes the scheme from X-Forwarded-Proto', async () => {
    const handler = createChannelAuthHandler({ key: 'k', secret: 's', trustForwardedHost: true, authorize: () => true })
    const headers = { origin: 'https://app.example', 'x-forwarded-host': 'app.example', 'x-forwarded-proto': 'https' }
    expect((await post(handler, fields, headers, 'http://10.0.0.5:3000/auth')).status).toBe(200)
    expect((await post(handler, fields, { ...headers, 'x-forwarded-proto': 'http' }, 'http://10.0.0.5:3000/auth')).status).toBe(403)
  })
})
