import { fetch, useTestContext } from '@nuxt/test-utils/e2e'
import { describe, expect, it, vi } from 'vitest'
import { setupFixture } from './support/fixture'
import { localServer, serverEnv } from './support/local-server'

// Same build, but the fixture registers no hooks and the push route is switched off at run time.
// Nothing reaches Sockudo here, so a secret of its own keeps the production default-secret check quiet.
const server = localServer()
await setupFixture({
  env: {
    ...serverEnv(server, Buffer.from('nuxt-runtime-master-key-32bytes!').toString('base64')),
    NUXT_SOCKUDO_SECRET: 'deny-by-default-secret',
    FIXTURE_NO_HOOKS: '1',
    NUXT_PUBLIC_SOCKUDO_ROUTES_PUSH: 'false',
  },
})

const signedIn = { 'x-test-user': 'u-42', 'content-type': 'application/json' }
const post = (path: string, body: unknown): Promise<Response> =>
  fetch(`/api/_sockudo${path}`, { method: 'POST', headers: signedIn, body: JSON.stringify(body) })

describe('without an authorizer every route refuses as not configured', () => {
  it.each([
    ['/auth', { socket_id: '1.2', channel_name: 'private-chat' }],
    ['/auth', { socket_id: '1.2', channel_name: 'presence-lobby' }],
    ['/user-auth', { socket_id: '1.2' }],
    ['/history', { channel: 'chat-room', action: 'channel_history', params: {} }],
    ['/presence-history', { channel: 'presence-lobby', action: 'history', params: {} }],
    ['/versioned-messages', { channel: 'chat-room', action: 'get_message', messageSerial: '1' }],
    ['/messages', { channel: 'chat-room', action: 'get_message', messageSerial: '1' }],
  ])('POST %s answers 403 auth/not-configured, naming the hook to register', async (path, body) => {
    const res = await post(path, body)
    expect(res.status).toBe(403)
    const answer = await res.json() as { code: string, error: string }
    expect(answer.code).toBe('auth/not-configured')
    expect(answer.error).toMatch(path === '/user-auth' ? /defineSockudoUserAuthenticator/ : /defineSockudoAuthorizer/)
  })

  it('logs the missing hooks once at startup and once on the first refusal', async () => {
    await post('/auth', { socket_id: '1.2', channel_name: 'private-chat' })
    await post('/history', { channel: 'chat-room', action: 'channel_history', params: {} })
    const logs = (): string => useTestContext().serverLogs.join('\n')
    // The server's output is collected asynchronously.
    await vi.waitFor(() => expect(logs()).toMatch(/No authorizer is registered: the \w+ route refuses/), { timeout: 5000 })
    expect(logs().match(/No authorizer is registered: every request to the/g)).toHaveLength(1)
    expect(logs().match(/No user authenticator is registered: every signin\(\)/g)).toHaveLength(1)
    expect(logs().match(/No authorizer is registered: the \w+ route refuses/g)).toHaveLength(1)
  })
})

describe('route switches are read at run time', () => {
  it('answers 404 on the push route turned off by NUXT_PUBLIC_SOCKUDO_ROUTES_PUSH', async () => {
    const res = await fetch('/api/_sockudo/push/deviceRegistrations', { headers: signedIn })
    expect(res.status).toBe(404)
  })
})
