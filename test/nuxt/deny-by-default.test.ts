import { fetch } from '@nuxt/test-utils/e2e'
import { describe, expect, it } from 'vitest'
import { setupFixture } from './support/fixture'
import { localServer, serverEnv } from './support/local-server'

// Same build, but the fixture registers no hooks and the push route is switched off at run time.
const server = localServer()
await setupFixture({
  env: {
    ...serverEnv(server, Buffer.from('nuxt-runtime-master-key-32bytes!').toString('base64')),
    FIXTURE_NO_HOOKS: '1',
    NUXT_PUBLIC_SOCKUDO_ROUTES_PUSH: 'false',
  },
})

const signedIn = { 'x-test-user': 'u-42', 'content-type': 'application/json' }
const post = (path: string, body: unknown): Promise<Response> =>
  fetch(`/api/_sockudo${path}`, { method: 'POST', headers: signedIn, body: JSON.stringify(body) })

describe('without an authorizer every route denies', () => {
  it.each([
    ['/auth', { socket_id: '1.2', channel_name: 'private-chat' }],
    ['/auth', { socket_id: '1.2', channel_name: 'presence-lobby' }],
    ['/user-auth', { socket_id: '1.2' }],
    ['/history', { channel: 'chat-room', action: 'channel_history', params: {} }],
    ['/presence-history', { channel: 'presence-lobby', action: 'history', params: {} }],
    ['/messages', { channel: 'chat-room', action: 'get_message', messageSerial: '1' }],
  ])('POST %s answers 403', async (path, body) => {
    const res = await post(path, body)
    expect(res.status).toBe(403)
    expect(await res.json()).toMatchObject({ code: 'forbidden' })
  })
})

describe('route switches are read at run time', () => {
  it('answers 404 on the push route turned off by NUXT_PUBLIC_SOCKUDO_ROUTES_PUSH', async () => {
    const res = await fetch('/api/_sockudo/push/deviceRegistrations', { headers: signedIn })
    expect(res.status).toBe(404)
  })
})
