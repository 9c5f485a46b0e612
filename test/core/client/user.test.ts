import { describe, expect, it } from 'vitest'
import type { SockudoError } from '@sockudo/vue/core'
import { fakeClient } from '../../fakes/client'
import { flush } from '../../fakes/fake-server'

const userAuthentication = { customHandler: async () => ({ auth: 'app-key:sig', user_data: '{"id":"u1","watchlist":["u2"]}' }) }

describe('user sign-in (fake server)', () => {
  it('sends signin with object data, parses signin_success and routes #server-to-user events', async () => {
    const { client, server, connect } = fakeClient({ userAuthentication })
    await connect()
    client.signin()
    await flush()
    expect(server.last.sentEvents('pusher:signin')).toEqual([{ event: 'pusher:signin', data: { auth: 'app-key:sig', user_data: '{"id":"u1","watchlist":["u2"]}' } }])
    server.last.serverSend({ event: 'pusher:signin_success', data: { user_data: '{"id":"u1","watchlist":["u2"]}' } })
    expect(client.user.signedIn).toBe(true)
    expect(client.user.id).toBe('u1')
    const got: unknown[] = []
    client.user.bind('notice', (d) => got.push(d))
    server.last.serverSend({ event: 'notice', channel: '#server-to-user-u1', data: '{"x":1}' })
    const ids: string[][] = []
    client.user.watchlist.bind('online', (u) => ids.push(u))
    server.last.serverSend({ event: 'online', data: { user_ids: ['u2'] } })
    expect(got).toEqual([{ x: 1 }])
    expect(ids).toEqual([['u2']])
  })

  it('signs in again after a reconnect', async () => {
    const { client, server, clock, connect } = fakeClient({ userAuthentication })
    await connect()
    client.signin()
    await flush()
    server.last.serverSend({ event: 'pusher:signin_success', data: { user_data: '{"id":"u1"}' } })
    server.last.serverClose(1006)
    expect(client.user.signedIn).toBe(false)
    clock.tick(1000)
    await flush()
    expect(server.last.sentEvents('pusher:signin')).toHaveLength(1)
  })

  it('attributes an authentication error frame to the pending sign-in', async () => {
    const { client, server, connect } = fakeClient({ userAuthentication })
    await connect()
    const errors: SockudoError[] = []
    client.user.on('error', (e) => errors.push(e))
    client.signin()
    await flush()
    server.last.serverSend({ event: 'pusher:error', data: { code: 4009, message: 'Authentication error: Connection not authorized for signin.' } })
    expect(errors.map((e) => [e.code, e.serverCode])).toEqual([['auth/signin-rejected', 4009]])
  })
})
