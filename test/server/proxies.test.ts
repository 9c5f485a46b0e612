import { afterEach, describe, expect, it } from 'vitest'
import { createHistoryProxy, createPresenceHistoryProxy, createPushProxy, createVersionedMessagesProxy } from '@sockudo/vue/server'
import type { SockudoHandler, SockudoRestOptions } from '@sockudo/vue/server'
import { serveHandler } from './serve'
import type { TestServer } from './serve'
import { fakeUpstream } from './upstream'
import type { Reply, SeenRequest } from './upstream'

const servers: TestServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

type Upstream = Awaited<ReturnType<typeof fakeUpstream>>

async function setup(make: (creds: SockudoRestOptions) => SockudoHandler, reply: (seen: SeenRequest) => Reply = () => ({ status: 200, body: '{"ok":true}' })): Promise<{ url: string; upstream: Upstream }> {
  const upstream = await fakeUpstream(reply)
  servers.push(upstream)
  const creds = { appId: 'app-id', key: 'app-key', secret: 'app-secret', port: Number(new URL(upstream.url).port), timeout: 300 }
  const proxy = await serveHandler(make(creds))
  servers.push(proxy)
  return { url: proxy.url, upstream }
}

const post = (url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })

const BIG = '{"items":[{"serial":9007199254740993}],"has_more":false,"next_cursor":null}'

describe('createHistoryProxy', () => {
  it('forwards the allowed params, drops until_attach and relays the body text unchanged', async () => {
    const { url, upstream } = await setup((c) => createHistoryProxy({ ...c, authorize: () => true }), () => ({ status: 200, body: BIG }))
    const res = await post(url, { channel: 'orders', action: 'channel_history', params: { limit: 2, start_serial: '9007199254740993', until_attach: true, evil: 'x' } })
    expect(res.status).toBe(200)
    expect(await res.text()).toBe(BIG)
    const seen = upstream.seen[0]!
    expect(seen).toMatchObject({ method: 'GET', path: '/apps/app-id/channels/orders/history', signatureValid: true })
    expect(Object.fromEntries([...seen.query].filter(([k]) => !k.startsWith('auth_')))).toEqual({ limit: '2', start_serial: '9007199254740993' })
  })

  it('denies with 403 without an authorize hook and never calls Sockudo', async () => {
    const { url, upstream } = await setup((c) => createHistoryProxy(c))
    expect((await post(url, { channel: 'orders' })).status).toBe(403)
    expect(upstream.seen).toHaveLength(0)
  })

  it('passes Sockudo errors through with their status', async () => {
    const err = '{"error":"Durable history is disabled by policy for channel \'orders\'","code":"feature_disabled","status":422}'
    const { url } = await setup((c) => createHistoryProxy({ ...c, authorize: () => true }), () => ({ status: 422, body: err }))
    const res = await post(url, { channel: 'orders' })
    expect(res.status).toBe(422)
    expect(await res.text()).toBe(err)
  })

  it('answers 504 when Sockudo hangs and 502 when it is down', async () => {
    const hanging = await setup((c) => createHistoryProxy({ ...c, authorize: () => true }), () => 'hang')
    expect((await post(hanging.url, { channel: 'orders' })).status).toBe(504)
    const down = await setup((c) => createHistoryProxy({ ...c, authorize: () => true }))
    await down.upstream.close()
    expect((await post(down.url, { channel: 'orders' })).status).toBe(502)
  })

  it('answers 400 for bad JSON, bad params and a bad channel; 405 for GET', async () => {
    const { url } = await setup((c) => createHistoryProxy({ ...c, authorize: () => true }))
    expect((await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' })).status).toBe(400)
    expect((await post(url, { channel: 'orders', params: { limit: { $gt: 1 } } })).status).toBe(400)
    expect((await post(url, { channel: 'a b' })).status).toBe(400)
    expect((await post(url, { channel: 'orders', action: 'get_message' })).status).toBe(400)
    expect((await fetch(url)).status).toBe(405)
  })
})

describe('createPresenceHistoryProxy', () => {
  it('maps history and snapshot to the presence routes', async () => {
    const { url, upstream } = await setup((c) => createPresenceHistoryProxy({ ...c, authorize: () => true }))
    await post(url, { channel: 'presence-lobby', action: 'history', params: { direction: 'oldest_first', start: 5 } })
    await post(url, { channel: 'presence-lobby', action: 'snapshot', params: { at_serial: 42, limit: 3 } })
    const [history, snapshot] = upstream.seen
    expect(history!.path).toBe('/apps/app-id/channels/presence-lobby/presence/history')
    expect(history!.query.get('start')).toBe('5')
    expect(snapshot!.path).toBe('/apps/app-id/channels/presence-lobby/presence/history/snapshot')
    expect(snapshot!.query.get('at_serial')).toBe('42')
    expect(snapshot!.query.has('limit')).toBe(false)
  })

  it('rejects non-presence channels and unknown actions with 400', async () => {
    const { url, upstream } = await setup((c) => createPresenceHistoryProxy({ ...c, authorize: () => true }))
    expect((await post(url, { channel: 'orders', action: 'history' })).status).toBe(400)
    expect((await post(url, { channel: 'presence-x', action: 'reset' })).status).toBe(400)
    expect(upstream.seen).toHaveLength(0)
  })
})

describe('createVersionedMessagesProxy', () => {
  it('publishes a create through /events with a message_id so serials come back', async () => {
    const ack = '{"channels":{"chat":{"message_serial":"s1","history_serial":9007199254740993}}}'
    const { url, upstream } = await setup((c) => createVersionedMessagesProxy({ ...c, authorize: () => true }), () => ({ status: 200, body: ack }))
    const res = await post(url, { channel: 'chat', action: 'publish_create', name: 'chat.message', data: { text: 'hi' }, clientId: 'spoof', opId: 'x' })
    expect(await res.text()).toBe(ack)
    const body = JSON.parse(upstream.seen[0]!.body)
    expect(upstream.seen[0]!.path).toBe('/apps/app-id/events')
    expect(body).toMatchObject({ name: 'chat.message', channel: 'chat', data: '{"text":"hi"}' })
    expect(typeof body.message_id).toBe('string')
    expect(body).not.toHaveProperty('clientId')
  })

  it('translates a mutation to snake_case and lets the app set the actor', async () => {
    const { url, upstream } = await setup((c) => createVersionedMessagesProxy({ ...c, authorize: () => ({ clientId: 'user-7' }) }))
    await post(url, { channel: 'chat', action: 'message_update', messageSerial: 'a:b:1', data: 'new', name: 'n', clearFields: ['extras'], opId: 'op', clientId: 'spoof', description: 'edit' })
    const seen = upstream.seen[0]!
    expect(seen.path).toBe('/apps/app-id/channels/chat/messages/a%3Ab%3A1/update')
    expect(JSON.parse(seen.body)).toEqual({ data: 'new', name: 'n', clear_fields: ['extras'], op_id: 'op', client_id: 'user-7', description: 'edit' })
    expect(seen.signatureValid).toBe(true)
  })

  it('maps reads, append and delete to their routes', async () => {
    const { url, upstream } = await setup((c) => createVersionedMessagesProxy({ ...c, authorize: () => true }))
    await post(url, { channel: 'chat', action: 'get_message', messageSerial: 's1' })
    await post(url, { channel: 'chat', action: 'get_message_versions', messageSerial: 's1', params: { direction: 'oldest_first', limit: 2 } })
    await post(url, { channel: 'chat', action: 'message_append', messageSerial: 's1', data: ' more', name: 'ignored' })
    await post(url, { channel: 'chat', action: 'message_delete', messageSerial: 's1' })
    await post(url, { channel: 'chat', action: 'channel_history', params: { limit: 1 } })
    expect(upstream.seen.map((s) => `${s.method} ${s.path}`)).toEqual([
      'GET /apps/app-id/channels/chat/messages/s1',
      'GET /apps/app-id/channels/chat/messages/s1/versions',
      'POST /apps/app-id/channels/chat/messages/s1/append',
      'POST /apps/app-id/channels/chat/messages/s1/delete',
      'GET /apps/app-id/channels/chat/history',
    ])
    expect(JSON.parse(upstream.seen[2]!.body)).toEqual({ data: ' more' })
  })

  it('rejects an unknown action, a missing serial and a non-string append with 400', async () => {
    const { url, upstream } = await setup((c) => createVersionedMessagesProxy({ ...c, authorize: () => true }))
    expect((await post(url, { channel: 'chat', action: 'drop_table' })).status).toBe(400)
    expect((await post(url, { channel: 'chat', action: 'get_message' })).status).toBe(400)
    expect((await post(url, { channel: 'chat', action: 'message_append', messageSerial: 's', data: { a: 1 } })).status).toBe(400)
    expect(upstream.seen).toHaveLength(0)
  })

  it('denies by default', async () => {
    const { url } = await setup((c) => createVersionedMessagesProxy(c))
    expect((await post(url, { channel: 'chat', action: 'get_message', messageSerial: 's' })).status).toBe(403)
  })
})

describe('createPushProxy', () => {
  it('mirrors the path, forwards the body and token, and sets the capability the app chose', async () => {
    const { url, upstream } = await setup((c) => createPushProxy({ ...c, authorize: (e) => (e.path === '/publish' ? 'push-admin' : true) }), () => ({ status: 201, body: '{"change":"inserted"}' }))
    const device = '{"id":"d1",  "platform":"browser"}'
    const res = await fetch(`${url}/api/_sockudo/push/deviceRegistrations`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-sockudo-device-identity-token': 'tok', 'x-sockudo-push-capability': 'push-admin' }, body: device })
    expect(res.status).toBe(201)
    const seen = upstream.seen[0]!
    // Forwarded as sent, but naming the app the proxy signs for (Sockudo requires `appId`).
    expect(seen).toMatchObject({ method: 'POST', path: '/apps/app-id/push/deviceRegistrations', signatureValid: true })
    expect(JSON.parse(seen.body)).toEqual({ appId: 'app-id', ...JSON.parse(device) })
    expect(seen.headers['x-sockudo-push-capability']).toBe('push-subscribe')
    expect(seen.headers['x-sockudo-device-identity-token']).toBe('tok')
    await post(`${url}/api/_sockudo/push/publish`, { recipients: [], payload: {}, sync: false })
    expect(upstream.seen[1]!.headers['x-sockudo-push-capability']).toBe('push-admin')
  })

  it('forwards list queries with camelCase keys and relays 204', async () => {
    const { url, upstream } = await setup((c) => createPushProxy({ ...c, basePath: '/push', authorize: () => true }), (s) => (s.method === 'DELETE' ? { status: 204, body: '' } : { status: 200, body: '{"items":[]}' }))
    await fetch(`${url}/push/channelSubscriptions?deviceId=d1&limit=5`)
    const del = await fetch(`${url}/push/deviceRegistrations/d%201`, { method: 'DELETE' })
    expect(del.status).toBe(204)
    expect(upstream.seen[0]!.query.get('deviceId')).toBe('d1')
    expect(upstream.seen[1]!.path).toBe('/apps/app-id/push/deviceRegistrations/d%201')
    expect(upstream.seen.every((s) => s.signatureValid)).toBe(true)
  })

  it('denies by default, 404s unknown routes and 405s other methods', async () => {
    const { url, upstream } = await setup((c) => createPushProxy(c))
    expect((await fetch(`${url}/push/deviceRegistrations`)).status).toBe(403)
    expect((await fetch(`${url}/push/credentials`)).status).toBe(404)
    expect((await fetch(`${url}/push/publish`, { method: 'PUT' })).status).toBe(405)
    expect(upstream.seen).toHaveLength(0)
  })
})
