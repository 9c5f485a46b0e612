/**
 * usePush through the real push proxy handler. The local stand-in server has no push API, so
 * the proxy's upstream is a recording double of Sockudo's `/apps/{id}/push/…` routes.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { usePush } from '@sockudo/vue'
import type { PushDevice, ProxyEndpointOptions } from '@sockudo/vue/core'
import { createPushProxy } from '@sockudo/vue/server'
import type { PushProxyEvent } from '@sockudo/vue/server'
import { createHarness, uniqueName, withSetup, type Harness } from './harness'

let harness: Harness | undefined
afterEach(() => harness?.close())

interface Upstream {
  calls: { method: string; path: string; capability: string | null; token: string | null; body: unknown }[]
  fetch: typeof fetch
}

/** Answers like Sockudo's push API: registration with an identity token, 201 echo, lists, 202 publish. */
function upstream(): Upstream {
  const calls: Upstream['calls'] = []
  const subscriptions: { channel: string; deviceId: string }[] = []
  const json = (status: number, body: unknown): Response => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
  const fetchImpl = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url)
    const headers = new Headers(init.headers)
    const path = url.pathname.replace(/^\/apps\/[^/]+\/push/, '')
    const body: unknown = typeof init.body === 'string' && init.body ? JSON.parse(init.body) : undefined
    const method = init.method ?? 'GET'
    calls.push({ method, path, capability: headers.get('x-sockudo-push-capability'), token: headers.get('x-sockudo-device-identity-token'), body })
    if (path === '/deviceRegistrations' && method === 'POST') return json(200, { ...(body as object), deviceIdentityToken: 'identity-1', tokenHash: 'hash-1' })
    if (path === '/channelSubscriptions' && method === 'POST') {
      subscriptions.push(body as { channel: string; deviceId: string })
      return json(201, body)
    }
    if (path === '/channelSubscriptions' && method === 'GET') return json(200, { items: subscriptions.filter((s) => s.deviceId === url.searchParams.get('deviceId')), next_cursor: null, has_more: false })
    if (path === '/channelSubscriptions' && method === 'DELETE') {
      const before = subscriptions.length
      subscriptions.splice(0, subscriptions.length, ...subscriptions.filter((s) => s.channel !== url.searchParams.get('channel')))
      return json(200, { deleted: before - subscriptions.length })
    }
    if (path === '/publish') return json(202, { publishId: 'pub-1', status: 'accepted', expectedRecipients: 1 })
    if (path.startsWith('/deviceRegistrations/') && method === 'DELETE') return new Response(null, { status: 204 })
    return json(404, { error: 'not_found' })
  }) as typeof fetch
  return { calls, fetch: fetchImpl }
}

function pushEndpoint(up: Upstream, decide: (event: PushProxyEvent) => boolean | 'push-admin'): ProxyEndpointOptions {
  const handler = createPushProxy({ appId: 'app-1', key: 'k', secret: 's', host: 'sockudo.test', port: 443, useTls: true, fetch: up.fetch, basePath: '/api/_sockudo/push', authorize: decide } as Parameters<typeof createPushProxy>[0])
  return {
    endpoint: 'http://app.test/api/_sockudo/push',
    fetch: ((input: RequestInfo | URL, init?: RequestInit) => handler(new Request(input, init))) as typeof fetch,
  }
}

const device: PushDevice = {
  id: 'browser-1', clientId: 'user-1', formFactor: 'desktop', platform: 'browser', timezone: 'Europe/Berlin', locale: 'de-DE',
  push: { recipient: { transportType: 'web', endpoint: 'https://push.example/abc', p256dh: 'p', auth: 'a' } },
}

describe('usePush', () => {
  it('registers the device, subscribes it with its identity token and publishes through the app proxy', async () => {
    const up = upstream()
    const push = pushEndpoint(up, (event) => (event.path === '/publish' ? 'push-admin' : true))
    harness = createHarness({ protocolVersion: 2, push, autoConnect: false })
    const { component, result } = withSetup(() => usePush())
    await harness.mount(component)
    const p = result()
    const channel = uniqueName('push')
    await p.register(device)
    expect(p.device.value?.id).toBe('browser-1')
    expect(p.deviceIdentityToken.value).toBe('identity-1')
    await p.subscribe(channel)
    expect(p.channels.value).toEqual([channel])
    const upsert = up.calls.find((c) => c.path === '/channelSubscriptions' && c.method === 'POST')!
    expect(upsert.body).toEqual({ appId: 'app-1', channel, deviceId: 'browser-1', clientId: 'user-1', provider: 'webPush', tokenHash: 'hash-1' })
    expect(upsert.token).toBe('identity-1')
    await p.refresh()
    expect(p.channels.value).toEqual([channel])
    const accepted = await p.publish({ recipients: [{ type: 'channel', channel }], payload: { title: 'Hi' } })
    expect(accepted).toMatchObject({ publishId: 'pub-1', status: 'accepted' })
    expect(up.calls.find((c) => c.path === '/publish')!.body).toMatchObject({ sync: false })
    await p.unsubscribe(channel)
    expect(p.channels.value).toEqual([])
    await p.unregister()
    expect(p.device.value).toBeNull()
    expect(p.error.value).toBeNull()
    expect(p.pending.value).toBe(false)
  })

  it('puts a proxy refusal and a missing device into error as typed errors', async () => {
    const up = upstream()
    harness = createHarness({ protocolVersion: 2, push: pushEndpoint(up, () => false), autoConnect: false })
    const { component, result } = withSetup(() => usePush())
    await harness.mount(component)
    const p = result()
    await expect(p.subscribe('x')).rejects.toMatchObject({ code: 'vue/unsupported' })
    await expect(p.register(device)).rejects.toMatchObject({ status: 403 })
    expect(p.error.value?.status).toBe(403)
    expect(up.calls).toEqual([])
  })

  it('fails with the missing-endpoint error without a push route', async () => {
    harness = createHarness({ protocolVersion: 2, autoConnect: false })
    const { component, result } = withSetup(() => usePush())
    await harness.mount(component)
    await expect(result().register(device)).rejects.toMatchObject({ code: 'config/proxy-endpoint-missing' })
  })
})
