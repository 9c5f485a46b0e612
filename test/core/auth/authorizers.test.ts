import { describe, expect, it } from 'vitest'
import type { FetchLike } from '@sockudo/vue/core'
import { createChannelAuthorizer, createUserAuthenticator } from '../../../src/core/internal'
import { FakeClock } from '../../fakes/fake-clock'

interface Call { url: string; headers: Record<string, string>; body: URLSearchParams }

function fakeFetch(reply: (call: Call) => { status: number; body: string } | Promise<never>): { fetch: FetchLike; calls: Call[] } {
  const calls: Call[] = []
  const fetch: FetchLike = async (url, init) => {
    const call = { url, headers: init.headers, body: new URLSearchParams(init.body) }
    calls.push(call)
    const r = await reply(call)
    return { ok: r.status >= 200 && r.status < 300, status: r.status, text: async () => r.body }
  }
  return { fetch, calls }
}

describe('channel authorizer over the endpoint', () => {
  it('posts form-encoded socket_id and channel_name with params, evaluating header/param functions per request', async () => {
    const { fetch, calls } = fakeFetch(() => ({ status: 200, body: '{"auth":"k:s","channel_data":"{\\"user_id\\":\\"u\\"}","shared_secret":"c2Vj"}' }))
    let n = 0
    const authorize = createChannelAuthorizer({ endpoint: '/auth', headers: () => ({ 'X-N': String(++n) }), params: async () => ({ team: `t${n}` }) }, fetch, new FakeClock())
    const first = await authorize({ socketId: '1.2', channelName: 'presence-a' })
    await authorize({ socketId: '1.2', channelName: 'presence-b' })
    expect(first).toEqual({ auth: 'k:s', channelData: '{"user_id":"u"}', sharedSecret: 'c2Vj' })
    expect(calls.map((c) => [c.url, c.headers['X-N'], c.body.get('team'), c.body.get('socket_id'), c.body.get('channel_name')])).toEqual([
      ['/auth', '1', 't1', '1.2', 'presence-a'],
      ['/auth', '2', 't2', '1.2', 'presence-b'],
    ])
    expect(calls[0]!.headers['Content-Type']).toBe('application/x-www-form-urlencoded')
  })

  it('params cannot override socket_id or channel_name', async () => {
    const { fetch, calls } = fakeFetch(() => ({ status: 200, body: '{"auth":"k:s"}' }))
    await createChannelAuthorizer({ params: { socket_id: 'evil' } }, fetch, new FakeClock())({ socketId: '1.2', channelName: 'private-x' })
    expect(calls[0]!.body.get('socket_id')).toBe('1.2')
    expect(calls[0]!.url).toBe('/sockudo/auth')
  })

  it.each([
    [{ status: 401, body: '' }, { code: 'auth/forbidden', status: 401 }],
    [{ status: 404, body: 'x' }, { code: 'auth/http-error', status: 404, retryable: false }],
    [{ status: 200, body: 'nope' }, { code: 'auth/invalid-response' }],
    [{ status: 200, body: '[1]' }, { code: 'auth/invalid-response' }],
    [{ status: 200, body: '{"auth":5}' }, { code: 'auth/missing-field' }],
  ])('maps %o to a typed AuthError', async (reply, expected) => {
    const { fetch } = fakeFetch(() => reply)
    await expect(createChannelAuthorizer({}, fetch, new FakeClock())({ socketId: '1.2', channelName: 'private-x' })).rejects.toMatchObject({ ...expected, channel: 'private-x' })
  })

  it('times out with auth/timeout on the injected clock', async () => {
    const clock = new FakeClock()
    const { fetch } = fakeFetch(() => new Promise<never>(() => undefined))
    const pending = createChannelAuthorizer({ timeout: 500 }, fetch, clock)({ socketId: '1.2', channelName: 'private-x' })
    await Promise.resolve()
    await Promise.resolve()
    clock.tick(500)
    await expect(pending).rejects.toMatchObject({ code: 'auth/timeout', retryable: true })
  })

  it('wraps network failures as auth/network', async () => {
    const fetch: FetchLike = async () => {
      throw new TypeError('fetch failed')
    }
    await expect(createChannelAuthorizer({}, fetch, new FakeClock())({ socketId: '1', channelName: 'private-x' })).rejects.toMatchObject({ code: 'auth/network', retryable: true })
  })

  it('accepts snake_case or camelCase from a custom handler', async () => {
    const authorize = createChannelAuthorizer({ customHandler: async () => ({ auth: 'a', channelData: '{}', sharedSecret: 's' }) }, undefined, new FakeClock())
    expect(await authorize({ socketId: '1', channelName: 'presence-x' })).toEqual({ auth: 'a', channelData: '{}', sharedSecret: 's' })
  })
})

describe('user authenticator', () => {
  it('posts socket_id and returns auth and user_data', async () => {
    const { fetch, calls } = fakeFetch(() => ({ status: 200, body: '{"auth":"k:s","user_data":"{\\"id\\":\\"u1\\"}"}' }))
    const data = await createUserAuthenticator({ endpoint: '/ua' }, fetch, new FakeClock())({ socketId: '3.4' })
    expect(data).toEqual({ auth: 'k:s', userData: '{"id":"u1"}' })
    expect([calls[0]!.url, calls[0]!.body.get('socket_id'), calls[0]!.body.has('channel_name')]).toEqual(['/ua', '3.4', false])
  })

  it('requires user_data', async () => {
    const { fetch } = fakeFetch(() => ({ status: 200, body: '{"auth":"k:s"}' }))
    await expect(createUserAuthenticator({}, fetch, new FakeClock())({ socketId: '3.4' })).rejects.toMatchObject({ code: 'auth/missing-field' })
  })
})
