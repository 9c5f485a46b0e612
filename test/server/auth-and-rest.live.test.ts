import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createChannelAuthHandler, createSockudoRest, createUserAuthHandler } from '@sockudo/vue/server'
import { liveTarget, openRaw } from '../support/live'
import type { JsonFrame, RawClient } from '../support/live'
import { serveHandler } from './serve'
import type { TestServer } from './serve'
import { skipUnless } from '../support/real-server'

const target = liveTarget()
const masterKey = 'YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXowMTIzNDU='
const rest = createSockudoRest({ appId: target.appId, key: target.key, secret: target.secret, host: target.host, port: target.port })
let channelAuth: TestServer
let userAuth: TestServer
let wrongSecret: TestServer

beforeAll(async () => {
  channelAuth = await serveHandler(createChannelAuthHandler({
    key: target.key, secret: target.secret, encryptionMasterKeyBase64: masterKey,
    authorize: (e) => (e.kind === 'presence' ? { user: { user_id: 'u-1', user_info: { name: 'Ada' } } } : true),
  }))
  userAuth = await serveHandler(createUserAuthHandler({ key: target.key, secret: target.secret, authorize: () => ({ id: 'u-1', user_info: { name: 'Ada' } }) }))
  wrongSecret = await serveHandler(createChannelAuthHandler({ key: target.key, secret: 'not-the-secret', authorize: () => true }))
})
afterAll(async () => {
  await Promise.all([channelAuth.close(), userAuth.close(), wrongSecret.close()])
})

async function authFor(url: string, fields: Record<string, string>): Promise<Record<string, string>> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() })
  expect(res.status).toBe(200)
  return (await res.json()) as Record<string, string>
}

async function subscribe(client: RawClient, channel: string, url = channelAuth.url): Promise<JsonFrame> {
  const auth = await authFor(url, { socket_id: client.socketId, channel_name: channel })
  client.send({ event: 'pusher:subscribe', data: { channel, auth: auth.auth, ...(auth.channel_data ? { channel_data: auth.channel_data } : {}) } })
  return client.next((f) => f.event === 'pusher_internal:subscription_succeeded' || f.event === 'pusher:error')
}

describe('auth handlers against the server', () => {
  it('lets a socket join private, presence and private-encrypted channels', async () => {
    const client = await openRaw()
    try {
      for (const channel of ['private-h-proxy', 'presence-h-proxy', 'private-encrypted-h-proxy']) {
        const frame = await subscribe(client, channel)
        expect(frame).toMatchObject({ event: 'pusher_internal:subscription_succeeded', channel })
      }
      const presence = client.frames.find((f) => f.channel === 'presence-h-proxy' && f.event.endsWith('subscription_succeeded'))!
      expect(JSON.parse(presence.data as string).presence.ids).toContain('u-1')
    } finally {
      await client.close()
    }
  })

  it('is rejected by the server when signed with the wrong secret', async () => {
    const client = await openRaw()
    try {
      const frame = await subscribe(client, 'private-h-proxy-wrong', wrongSecret.url)
      expect(frame.event).toBe('pusher:error')
    } finally {
      await client.close()
    }
  })

  it('signs a user in', async (ctx) => {
    skipUnless(ctx, ['userAuthentication'])
    const client = await openRaw()
    try {
      const auth = await authFor(userAuth.url, { socket_id: client.socketId })
      client.send({ event: 'pusher:signin', data: { auth: auth.auth, user_data: auth.user_data } })
      expect((await client.next((f) => f.event === 'pusher:signin_success' || f.event === 'pusher:error')).event).toBe('pusher:signin_success')
    } finally {
      await client.close()
    }
  })
})

describe('signed REST client against the server', () => {
  it('triggers to a subscriber and reads channel info and users', async () => {
    const client = await openRaw()
    try {
      await subscribe(client, 'presence-h-proxy-rest')
      expect(await rest.trigger('presence-h-proxy-rest', 'greet', { hi: 1 })).toEqual({ ok: true })
      const delivered = await client.next((f) => f.event === 'greet')
      expect(JSON.parse(delivered.data as string)).toEqual({ hi: 1 })
      await rest.triggerBatch([{ channel: 'presence-h-proxy-rest', name: 'batch', data: 'x' }])
      await client.next((f) => f.event === 'batch')
      expect(await rest.getChannel('presence-h-proxy-rest', { info: 'subscription_count,user_count' })).toMatchObject({ occupied: true, subscription_count: 1, user_count: 1 })
      expect(await rest.getUsers('presence-h-proxy-rest')).toEqual({ users: [{ id: 'u-1' }] })
      expect(await rest.getChannels({ filterByPrefix: 'presence-h-proxy' })).toMatchObject({ channels: { 'presence-h-proxy-rest': {} } })
    } finally {
      await client.close()
    }
  })

  it('surfaces API errors as ProxyErrors with the server envelope', async () => {
    await expect(rest.getChannel('private-x', { info: 'user_count' })).rejects.toMatchObject({ code: 'proxy/http-error', status: 400, body: { code: 'invalid_input' } })
    const bad = createSockudoRest({ appId: target.appId, key: target.key, secret: 'wrong', host: target.host, port: target.port })
    await expect(bad.getChannels()).rejects.toMatchObject({ status: 401, body: { error: 'Invalid API signature' } })
  })

  it('terminates the connections of a signed-in user', async (ctx) => {
    skipUnless(ctx, ['userAuthentication'])
    const client = await openRaw()
    try {
      const auth = await authFor(userAuth.url, { socket_id: client.socketId })
      client.send({ event: 'pusher:signin', data: { auth: auth.auth, user_data: auth.user_data } })
      await client.next((f) => f.event === 'pusher:signin_success')
      expect(await rest.terminateUserConnections('u-1')).toEqual({ ok: true })
      expect(await client.next((f) => f.event === 'pusher:error')).toMatchObject({ data: expect.objectContaining({ code: 4009 }) })
    } finally {
      await client.close()
    }
  })
})
