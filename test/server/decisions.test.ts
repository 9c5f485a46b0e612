import { afterEach, describe, expect, it } from 'vitest'
import { createChannelAuthHandler, createHistoryProxy, createPresenceHistoryProxy, createPushProxy, createSockudoRest, createUserAuthHandler, createVersionedMessagesProxy } from '@sockudo/vue/server'
import type { SockudoHandler } from '@sockudo/vue/server'
import { fakeUpstream } from './upstream'

// What an app's hook may answer by mistake: each must deny (403) and never sign or forward.
const NOT_ALLOWS: readonly [string, unknown][] = [
  ['false', false], ['undefined', undefined], ['null', null], ['0', 0], ['1', 1], ['empty string', ''],
  ['NaN', Number.NaN], ['{}', {}], ['[]', []], ['a string', 'yes'], ['a promise of undefined', Promise.resolve(undefined)],
]

type Upstream = Awaited<ReturnType<typeof fakeUpstream>>
let upstream: Upstream | undefined
afterEach(async () => upstream?.close())

async function rest(): Promise<{ appId: string; key: string; secret: string; port: number }> {
  upstream = await fakeUpstream(() => ({ status: 200, body: '{"ok":true}' }))
  return { appId: 'app-id', key: 'app-key', secret: 'app-secret', port: Number(new URL(upstream.url).port) }
}

const post = (handler: SockudoHandler, body: unknown, path = '/'): Promise<Response> =>
  handler(new Request(`http://app.test${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }))

// The hook's answer comes from the test: a cast stands for an untyped (JavaScript) app.
const answer = <T>(value: unknown) => (): T => value as T

describe('a hook answer that is not an explicit allow is a 403', () => {
  it.each(NOT_ALLOWS)('channel auth: %s', async (_name, value) => {
    const handler = createChannelAuthHandler({ key: 'k', secret: 's', authorize: answer(value) })
    const res = await post(handler, { socket_id: '1.2', channel_name: 'private-a' })
    expect(res.status).toBe(403)
    const body = (await res.json()) as { code: string; error: string }
    expect(body.code).toMatch(/^(forbidden|invalid_decision)$/)
    expect(body).not.toHaveProperty('auth')
  })

  it.each(NOT_ALLOWS)('user auth: %s', async (_name, value) => {
    const handler = createUserAuthHandler({ key: 'k', secret: 's', authorize: answer(value) })
    expect((await post(handler, { socket_id: '1.2' })).status).toBe(403)
  })

  it.each(NOT_ALLOWS)('history and presence history: %s', async (_name, value) => {
    const creds = await rest()
    expect((await post(createHistoryProxy({ ...creds, authorize: answer(value) }), { channel: 'orders' })).status).toBe(403)
    expect((await post(createPresenceHistoryProxy({ ...creds, authorize: answer(value) }), { channel: 'presence-a' })).status).toBe(403)
    expect(upstream!.seen).toHaveLength(0)
  })

  it.each(NOT_ALLOWS)('versioned messages (a delete): %s', async (_name, value) => {
    const handler = createVersionedMessagesProxy({ ...(await rest()), authorize: answer(value) })
    const res = await post(handler, { channel: 'chat', action: 'message_delete', messageSerial: 's1' })
    expect(res.status).toBe(403)
    expect(upstream!.seen).toHaveLength(0)
  })

  it.each([...NOT_ALLOWS, ['an unknown capability', 'push-root'], ['{ capability }', { capability: 'push-admin' }]] as [string, unknown][])('push: %s', async (_name, value) => {
    const handler = createPushProxy({ ...(await rest()), basePath: '/push', authorize: answer(value) })
    const res = await handler(new Request('http://app.test/push/deviceRegistrations'))
    expect(res.status).toBe(403)
    expect(upstream!.seen).toHaveLength(0)
  })

  it('names the fix in the message of a malformed answer', async () => {
    const handler = createChannelAuthHandler({ key: 'k', secret: 's', authorize: answer(undefined) })
    const body = (await (await post(handler, { socket_id: '1.2', channel_name: 'private-a' })).json()) as { code: string; error: string }
    expect(body.code).toBe('invalid_decision')
    expect(body.error).toMatch(/return true/i)
  })
})

describe('explicit allows', () => {
  it('channel auth: true signs a private channel, { user } a presence channel', async () => {
    const priv = await post(createChannelAuthHandler({ key: 'k', secret: 's', authorize: () => true }), { socket_id: '1.2', channel_name: 'private-a' })
    expect(priv.status).toBe(200)
    const user = { user: { user_id: 'u1' } }
    const pres = await post(createChannelAuthHandler({ key: 'k', secret: 's', authorize: () => user }), { socket_id: '1.2', channel_name: 'presence-a' })
    expect(pres.status).toBe(200)
  })

  it('channel auth: a { user } without a usable user_id is refused with 403, not 500', async () => {
    const bad = answer<{ user: { user_id: string } }>({ user: { user_id: { $ne: 1 } } })
    const res = await post(createChannelAuthHandler({ key: 'k', secret: 's', authorize: bad }), { socket_id: '1.2', channel_name: 'presence-a' })
    expect(res.status).toBe(403)
  })

  it('push: true means push-subscribe and a known capability is used as is', async () => {
    const creds = await rest()
    await createPushProxy({ ...creds, basePath: '/push', authorize: () => true })(new Request('http://app.test/push/deviceRegistrations'))
    await createPushProxy({ ...creds, basePath: '/push', authorize: () => 'push-admin' })(new Request('http://app.test/push/deviceRegistrations'))
    expect(upstream!.seen.map((s) => s.headers['x-sockudo-push-capability'])).toEqual(['push-subscribe', 'push-admin'])
  })
})

describe('the REST push call', () => {
  it('needs an explicit known capability (no fallback to push-admin)', async () => {
    const client = createSockudoRest(await rest())
    const call = { method: 'GET', path: '/deviceRegistrations' } as Parameters<typeof client.push.request>[0]
    await expect(client.push.request(call)).rejects.toMatchObject({ code: 'push/capability-required' })
    const unknown = { ...call, capability: 'push-root' } as unknown as Parameters<typeof client.push.request>[0]
    await expect(client.push.request(unknown)).rejects.toMatchObject({ code: 'push/capability-required' })
    expect(upstream!.seen).toHaveLength(0)
  })
})

describe('the author of a mutation comes from the app only', () => {
  it('drops the browser clientId when the decision is true', async () => {
    const handler = createVersionedMessagesProxy({ ...(await rest()), authorize: () => true })
    await post(handler, { channel: 'chat', action: 'message_update', messageSerial: 's1', data: 'x', clientId: 'ceo' })
    expect(JSON.parse(upstream!.seen[0]!.body)).not.toHaveProperty('client_id')
  })

  it('records the clientId of the decision', async () => {
    const handler = createVersionedMessagesProxy({ ...(await rest()), authorize: () => ({ clientId: 'u-7' }) })
    await post(handler, { channel: 'chat', action: 'message_append', messageSerial: 's1', data: 'x', clientId: 'ceo' })
    expect(JSON.parse(upstream!.seen[0]!.body)).toMatchObject({ client_id: 'u-7' })
  })

  it('refuses a decision whose clientId is not a non-empty string', async () => {
    const handler = createVersionedMessagesProxy({ ...(await rest()), authorize: answer({ clientId: 7 }) })
    expect((await post(handler, { channel: 'chat', action: 'message_delete', messageSerial: 's1' })).status).toBe(403)
    expect(upstream!.seen).toHaveLength(0)
  })
})
