import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { VersionedMessageStore, SockudoPushRegistration, createVersionedMessages, fetchChannelHistory, fetchPresenceHistory, fetchPresenceSnapshot } from '@sockudo/vue/core'
import type { VersionedMessageEventLike } from '@sockudo/vue/core'
import { authorizeChannel, createHistoryProxy, createPresenceHistoryProxy, createPushProxy, createSockudoRest, createVersionedMessagesProxy } from '@sockudo/vue/server'
import { liveTarget, openRaw } from '../support/live'
import type { JsonFrame } from '../support/live'
import { serveHandler } from './serve'
import type { TestServer } from './serve'
import { requireFeatures, skipUnless } from '../support/real-server'

const target = liveTarget()
const rest = createSockudoRest({ appId: target.appId, key: target.key, secret: target.secret, host: target.host, port: target.port })
const allow = { rest, authorize: () => true }
const servers: Record<'messages' | 'history' | 'presence' | 'push', TestServer> = {} as never
const run = Date.now().toString(36)

beforeAll(async () => {
  servers.messages = await serveHandler(createVersionedMessagesProxy(allow))
  servers.history = await serveHandler(createHistoryProxy(allow))
  servers.presence = await serveHandler(createPresenceHistoryProxy(allow))
  servers.push = await serveHandler(createPushProxy({ rest, basePath: '/push', authorize: () => 'push-admin' }))
})
afterAll(async () => {
  await Promise.all(Object.values(servers).map((s) => s.close()))
})

/** A raw V2 frame in the shape the reducer reads. */
const toEvent = (f: JsonFrame): VersionedMessageEventLike => ({ event: f.event, data: f.data, extras: f.extras as VersionedMessageEventLike['extras'], ...(f.serial !== undefined ? { serial: String(f.serial) } : {}) })

const needsVersioned = requireFeatures(['history', 'versionedMessages'])
describe.skipIf(needsVersioned.skip)(needsVersioned.title('versioned messages through the proxy (local Sockudo-compatible server)'), () => {
  it('creates and appends; the reduced realtime state equals the server latest version', async () => {
    const channel = `h-proxy-chat-${run}`
    const client = await openRaw('protocol=2')
    try {
      client.send({ event: 'sockudo:subscribe', data: { channel } })
      await client.next((f) => f.event.endsWith('subscription_succeeded'))
      const messages = createVersionedMessages({ endpoint: servers.messages.url, channel })
      const created = await messages.createMessage({ name: 'chat.message', data: 'Hel' })
      expect(created.messageSerial).toMatch(/^\d{20}:/)
      expect(created.historySerial).toMatch(/^\d+$/)
      expect((await messages.appendMessage(created.messageSerial, 'lo')).status).toBe('applied')
      const store = new VersionedMessageStore<string>()
      store.apply(toEvent(await client.next((f) => f.event === 'chat.message')))
      store.apply(toEvent(await client.next((f) => f.event === 'sockudo:message.append')))
      const latest = await messages.getMessage(created.messageSerial)
      expect(store.get(created.messageSerial)?.data).toBe('Hello')
      expect(latest).toMatchObject({ action: 'message.append', messageSerial: created.messageSerial, data: 'Hello' })
      const versions = await messages.getMessageVersions(created.messageSerial, { direction: 'oldest_first' })
      expect(versions.items.map((v) => v.action)).toEqual(['message.create', 'message.append'])
    } finally {
      await client.close()
    }
  })

  it('updates and deletes, then reads the latest versions from channel history', async () => {
    const channel = `h-proxy-edit-${run}`
    const messages = createVersionedMessages({ endpoint: servers.messages.url, channel })
    const { messageSerial } = await messages.createMessage({ name: 'note', data: 'draft' })
    expect(await messages.updateMessage(messageSerial, { data: 'final', description: 'edit' })).toMatchObject({ messageSerial, status: 'applied' })
    const second = await messages.createMessage({ name: 'note', data: 'spam' })
    await messages.deleteMessage(second.messageSerial)
    const page = await fetchChannelHistory({ direction: 'oldest_first' }, { endpoint: servers.history.url, channel })
    expect(page.items.map((i) => i.event.event)).toEqual(['sockudo:message.update', 'sockudo:message.delete'])
    expect(page.items[0]!.event.data).toBe('final')
    expect(page.hasMore).toBe(false)
  })

  it('passes a Sockudo 404 for an unknown message through as a typed error', async () => {
    const messages = createVersionedMessages({ endpoint: servers.messages.url, channel: `h-proxy-none-${run}` })
    await expect(messages.getMessage('00000000000000000000:x:00000000000000000001')).rejects.toMatchObject({ code: 'proxy/http-error', status: 404 })
  })
})

const needsPresenceHistory = requireFeatures(['presenceHistory'])
describe.skipIf(needsPresenceHistory.skip)(needsPresenceHistory.title('presence history through the proxy'), () => {
  it('lists the join and builds a snapshot', async () => {
    const channel = `presence-h-proxy-${run}`
    const client = await openRaw()
    try {
      const auth = authorizeChannel({ key: target.key, secret: target.secret, socketId: client.socketId, channelName: channel, user: { user_id: 'u-9' } })
      client.send({ event: 'pusher:subscribe', data: { channel, ...auth } })
      await client.next((f) => f.event === 'pusher_internal:subscription_succeeded')
      const options = { endpoint: servers.presence.url, channel }
      const page = await fetchPresenceHistory({ direction: 'oldest_first', limit: 10 }, options)
      expect(page.items[0]).toMatchObject({ event: 'member_added', userId: 'u-9', connectionId: client.socketId, cause: 'join' })
      const snapshot = await fetchPresenceSnapshot({}, options)
      expect(snapshot).toMatchObject({ channel, memberCount: 1, members: [{ userId: 'u-9', lastEvent: 'member_added' }] })
    } finally {
      await client.close()
    }
  })
})

const needsPush = requireFeatures(['push'])
describe.skipIf(needsPush.skip)(needsPush.title('push through the proxy'), () => {
  it('publishes and reads the status with the capability the app chose', async (ctx) => {
    skipUnless(ctx, ['pushDelivery'])
    const push = new SockudoPushRegistration({ endpoint: `${servers.push.url}/push` })
    const accepted = await push.publish({ recipients: [{ type: 'client', client_id: 'u-1' }], payload: { title: 'Hi' } })
    expect(accepted.publishId).toBeTruthy()
    expect(await push.getPublishStatus(accepted.publishId)).toMatchObject({ publishId: accepted.publishId })
  })
})
