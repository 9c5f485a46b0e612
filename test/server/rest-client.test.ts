import { afterEach, describe, expect, it } from 'vitest'
import { createSockudoRest } from '@sockudo/vue/server'
import { ProxyError } from '@sockudo/vue/core'
import { fakeUpstream } from './upstream'
import type { Reply, SeenRequest } from './upstream'

type Upstream = Awaited<ReturnType<typeof fakeUpstream>>
let upstream: Upstream | undefined
afterEach(async () => upstream?.close())

async function client(reply: (seen: SeenRequest) => Reply, timeout = 5000) {
  upstream = await fakeUpstream(reply)
  const port = Number(new URL(upstream.url).port)
  return createSockudoRest({ appId: 'app-id', key: 'app-key', secret: 'app-secret', host: '127.0.0.1', port, timeout })
}

describe('createSockudoRest', () => {
  it('triggers with a signed POST and keeps big serials exact', async () => {
    const rest = await client(() => ({ status: 200, body: '{"channels":{"c":{"history_serial":9007199254740993}}}' }))
    const result = await rest.trigger('c', 'ev', { a: 1 }, { messageId: 'm1', socketId: '1.2' })
    expect(result).toEqual({ channels: { c: { history_serial: '9007199254740993' } } })
    const seen = upstream!.seen[0]!
    expect(seen).toMatchObject({ method: 'POST', path: '/apps/app-id/events', signatureValid: true })
    expect(JSON.parse(seen.body)).toEqual({ name: 'ev', data: '{"a":1}', channel: 'c', socket_id: '1.2', message_id: 'm1' })
  })

  it('sends a batch and multi-channel trigger in the API shapes', async () => {
    const rest = await client(() => ({ status: 200, body: '{}' }))
    await rest.trigger(['a', 'b'], 'ev', 'raw')
    await rest.triggerBatch([{ channel: 'a', name: 'ev', data: 'x', tags: { t: '1' } }])
    expect(JSON.parse(upstream!.seen[0]!.body)).toEqual({ name: 'ev', data: 'raw', channels: ['a', 'b'] })
    expect(JSON.parse(upstream!.seen[1]!.body)).toEqual({ batch: [{ channel: 'a', name: 'ev', data: 'x', tags: { t: '1' } }] })
    expect(upstream!.seen.every((s) => s.signatureValid)).toBe(true)
  })

  it('signs GETs with query params and percent-encoded channel paths', async () => {
    const rest = await client(() => ({ status: 200, body: '{"items":[]}' }))
    await rest.channelHistory('ch#1', { limit: 5, start_serial: '9007199254740993' })
    await rest.getChannels({ filterByPrefix: 'presence-', info: 'user_count' })
    await rest.presenceSnapshot('presence-r', { at_serial: 3 })
    await rest.getMessageVersions('c', 'a:b', { direction: 'oldest_first' })
    const [history, channels, snapshot, versions] = upstream!.seen
    expect(history).toMatchObject({ path: '/apps/app-id/channels/ch%231/history', signatureValid: true })
    expect(history!.query.get('start_serial')).toBe('9007199254740993')
    expect(channels!.query.get('filter_by_prefix')).toBe('presence-')
    expect(snapshot!.path).toBe('/apps/app-id/channels/presence-r/presence/history/snapshot')
    expect(versions!.path).toBe('/apps/app-id/channels/c/messages/a%3Ab/versions')
    expect(upstream!.seen.every((s) => s.signatureValid && !s.query.has('body_md5'))).toBe(true)
  })

  it('names the app in device registrations and channel subscriptions sent without appId (Sockudo 5.2 requires it)', async () => {
    const rest = await client(() => ({ status: 201, body: '{}' }))
    const device = { id: 'd1', deviceSecret: 's', push: { recipient: { transportType: 'realtime', channel: 'inbox' }, state: 'ACTIVE' } }
    await rest.push.request({ method: 'POST', path: '/deviceRegistrations', capability: 'push-subscribe', body: JSON.stringify(device) })
    await rest.push.request({ method: 'POST', path: '/deviceRegistrations', capability: 'push-subscribe', body: JSON.stringify({ ...device, appId: 'other' }) })
    await rest.push.request({ method: 'POST', path: '/channelSubscriptions', capability: 'push-subscribe', body: '{"channel":"c"}' })
    await rest.push.request({ method: 'POST', path: '/publish', capability: 'push-admin', body: '{"recipients":[]}' })
    const bodies = upstream!.seen.map((s) => JSON.parse(s.body) as Record<string, unknown>)
    expect(bodies[0]).toEqual({ appId: 'app-id', ...device })
    expect(bodies[1]!.appId).toBe('other')
    expect(bodies[2]).toEqual({ appId: 'app-id', channel: 'c' })
    expect(bodies[3]).toEqual({ recipients: [] })
  })

  it('forces sync:false on push publish and sends the capability header', async () => {
    const rest = await client(() => ({ status: 202, body: '{"publishId":"p1","status":"accepted"}' }))
    expect(await rest.push.publish({ recipients: [{ type: 'client', client_id: 'u' }], payload: { title: 't' }, sync: true })).toMatchObject({ publishId: 'p1' })
    const seen = upstream!.seen[0]!
    expect(seen.path).toBe('/apps/app-id/push/publish')
    expect(seen.headers['x-sockudo-push-capability']).toBe('push-admin')
    expect(JSON.parse(seen.body).sync).toBe(false)
  })

  it('rejects a non-2xx answer with a ProxyError carrying status and body', async () => {
    const rest = await client(() => ({ status: 422, body: '{"error":"Durable history is disabled","code":"feature_disabled","status":422}' }))
    const error = await rest.channelHistory('c').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ProxyError)
    expect(error).toMatchObject({ code: 'proxy/http-error', status: 422, body: { code: 'feature_disabled' } })
  })

  it('rejects a 2xx answer that is not JSON', async () => {
    const rest = await client(() => ({ status: 200, body: '<html>' }))
    await expect(rest.getUsers('presence-x')).rejects.toMatchObject({ code: 'proxy/invalid-json' })
  })

  it('times out a hanging upstream with a typed error', async () => {
    const rest = await client(() => 'hang', 150)
    await expect(rest.getChannel('c')).rejects.toMatchObject({ code: 'proxy/timeout', retryable: true })
  })

  it('reports an unreachable upstream as a network error', async () => {
    const rest = await client(() => ({ status: 200, body: '{}' }))
    await upstream!.close()
    await expect(rest.getChannel('c')).rejects.toMatchObject({ code: 'proxy/network' })
  })

  it('refuses missing credentials at construction', () => {
    expect(() => createSockudoRest({ appId: 'a', key: '', secret: 's' })).toThrow(expect.objectContaining({ code: 'config/missing-credentials' }))
  })
})
