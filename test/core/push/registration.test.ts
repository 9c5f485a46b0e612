import { afterEach, describe, expect, it } from 'vitest'
import { SockudoPushRegistration } from '@sockudo/vue/core'
import type { PushDevice } from '@sockudo/vue/core'
import { createPushProxy } from '@sockudo/vue/server'
import type { PushProxyDecision } from '@sockudo/vue/server'
import { serveHandler } from '../../server/serve'
import type { TestServer } from '../../server/serve'
import { fakeUpstream } from '../../server/upstream'
import type { Reply, SeenRequest } from '../../server/upstream'

const servers: TestServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

/** SockudoPushRegistration → createPushProxy → fake Sockudo, over real HTTP. */
async function setup(reply: (s: SeenRequest) => Reply, decide: (path: string) => PushProxyDecision = () => true) {
  const upstream = await fakeUpstream(reply)
  const creds = { appId: 'app-id', key: 'app-key', secret: 'app-secret', port: Number(new URL(upstream.url).port) }
  const proxy = await serveHandler(createPushProxy({ ...creds, basePath: '/api/push', authorize: (e) => decide(e.path) }))
  servers.push(upstream, proxy)
  return { push: new SockudoPushRegistration({ endpoint: `${proxy.url}/api/push/` }), upstream }
}

const device: PushDevice = { id: 'd1', formFactor: 'desktop', platform: 'browser', timezone: 'UTC', locale: 'en', deviceSecret: 's', push: { recipient: { transportType: 'web', endpoint: 'https://push.example/1', p256dh: 'k', auth: 'a' }, state: 'ACTIVE' } }

describe('SockudoPushRegistration', () => {
  it('registers a device and updates it with the identity token', async () => {
    const { push, upstream } = await setup(() => ({ status: 201, body: '{"change":"inserted","tokenHash":"h","device":{},"deviceIdentityToken":"tok"}' }))
    expect(await push.activateDevice(device)).toMatchObject({ change: 'inserted', deviceIdentityToken: 'tok' })
    await push.updateDeviceRegistration(device, 'tok')
    expect(upstream.seen[0]).toMatchObject({ method: 'POST', path: '/apps/app-id/push/deviceRegistrations', signatureValid: true })
    expect(JSON.parse(upstream.seen[0]!.body)).toEqual({ appId: 'app-id', ...device })
    expect(upstream.seen[1]!.headers['x-sockudo-device-identity-token']).toBe('tok')
  })

  it('sends push.state ACTIVE when the app leaves it out (Sockudo 5.2 refuses a registration without it)', async () => {
    const { push, upstream } = await setup(() => ({ status: 201, body: '{"change":"inserted"}' }))
    const { state: _state, ...stateless } = device.push
    await push.activateDevice({ ...device, push: stateless })
    expect(JSON.parse(upstream.seen[0]!.body).push).toEqual({ ...stateless, state: 'ACTIVE' })
  })

  it('lists with limit and cursor and decodes the snake_case page', async () => {
    const { push, upstream } = await setup(() => ({ status: 200, body: '{"items":[{"channel":"c","deviceId":"d1"}],"next_cursor":"n2","has_more":true}' }))
    const page = await push.listChannelSubscriptions({ channel: 'c', deviceId: 'd1', limit: 10, cursor: 'n1' })
    expect(page).toEqual({ items: [{ channel: 'c', deviceId: 'd1' }], nextCursor: 'n2', hasMore: true })
    expect(Object.fromEntries([...upstream.seen[0]!.query].filter(([k]) => !k.startsWith('auth_')))).toEqual({ channel: 'c', deviceId: 'd1', limit: '10', cursor: 'n1' })
    await push.listDeviceRegistrations({ limit: 5 })
    expect(upstream.seen[1]!.query.get('limit')).toBe('5')
  })

  it('publishes with sync:false and accepts publishId or publish_id', async () => {
    let n = 0
    const { push, upstream } = await setup(() => ({ status: 202, body: n++ === 0 ? '{"publishId":"p1","status":"accepted","expectedRecipients":2,"fanoutRegime":"fastPath"}' : '{"publish_id":"p2","status":"accepted"}' }), (path) => (path.includes('publish') ? 'push-admin' : true))
    const first = await push.publish({ recipients: [{ type: 'client', client_id: 'u1' }], payload: { title: 'Hi' }, sync: true })
    expect(first).toMatchObject({ publishId: 'p1', status: 'accepted', expectedRecipients: 2, fanoutRegime: 'fastPath' })
    expect((await push.publish({ recipients: [{ type: 'channel', channel: 'c' }], payload: {} })).publishId).toBe('p2')
    expect(JSON.parse(upstream.seen[0]!.body).sync).toBe(false)
    expect(upstream.seen[0]!.headers['x-sockudo-push-capability']).toBe('push-admin')
  })

  it('publishes a batch with sync:false on every item', async () => {
    const { push, upstream } = await setup(() => ({ status: 202, body: '{"items":[{"publishId":"a"},{"publishId":"b"}]}' }), () => 'push-admin')
    const items = await push.publishBatch([{ recipients: [], payload: {} }, { recipients: [], payload: {}, sync: true }])
    expect(items.map((i) => i.publishId)).toEqual(['a', 'b'])
    expect(JSON.parse(upstream.seen[0]!.body).map((r: { sync: boolean }) => r.sync)).toEqual([false, false])
    expect(upstream.seen[0]!.path).toBe('/apps/app-id/push/batch/publish')
  })

  it('resolves 204 deletes and maps the remaining routes', async () => {
    const { push, upstream } = await setup((s) => (s.method === 'DELETE' && !s.path.endsWith('channelSubscriptions') ? { status: 204, body: '' } : { status: 200, body: '{"deleted":2}' }), () => 'push-admin')
    await expect(push.deleteDeviceRegistration('d/1')).resolves.toBeUndefined()
    expect(await push.deleteChannelSubscriptions({ channel: 'c' })).toEqual({ deleted: 2 })
    await push.getPublishStatus('p1')
    await push.cancelScheduledPublish('p1')
    await push.postDeliveryStatus({ publishId: 'p1' })
    await push.getDeviceRegistration('d1', 'tok')
    expect(upstream.seen.map((s) => `${s.method} ${s.path}`)).toEqual([
      'DELETE /apps/app-id/push/deviceRegistrations/d%2F1',
      'DELETE /apps/app-id/push/channelSubscriptions',
      'GET /apps/app-id/push/publish/p1/status',
      'DELETE /apps/app-id/push/scheduled/p1',
      'POST /apps/app-id/push/deliveryStatus',
      'GET /apps/app-id/push/deviceRegistrations/d1',
    ])
  })

  it('rejects a denied call and a publish answer without id with typed errors', async () => {
    const denied = await setup(() => ({ status: 200, body: '{}' }), () => false)
    await expect(denied.push.getPublishStatus('p')).rejects.toMatchObject({ code: 'proxy/http-error', status: 403 })
    const noId = await setup(() => ({ status: 202, body: '{"status":"accepted"}' }), () => 'push-admin')
    await expect(noId.push.publish({ recipients: [], payload: {} })).rejects.toMatchObject({ code: 'push/missing-publish-id' })
  })
})
