import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { channelAuth, userAuth } from '../../support/auth'
import { openRaw, serverSdk, type JsonFrame, type RawClient } from '../../support/live'
import { requireFeatures, skipUnless } from '../../support/real-server'

const unique = (prefix: string) => `${prefix}${randomUUID().slice(0, 8)}`
const parse = (f: JsonFrame) => JSON.parse(f.data as string) as Record<string, unknown>

async function subscribe(c: RawClient, channel: string, extra: Record<string, unknown> = {}): Promise<JsonFrame> {
  c.send({ event: c.ws.url.includes('protocol=2') ? 'sockudo:subscribe' : 'pusher:subscribe', data: { channel, ...extra } })
  return c.next((f) => f.event.endsWith('internal:subscription_succeeded') && f.channel === channel)
}

async function joinPresence(c: RawClient, channel: string, userId: string, info: unknown = {}): Promise<JsonFrame> {
  const channelData = JSON.stringify({ user_id: userId, user_info: info })
  return subscribe(c, channel, { auth: channelAuth(c.socketId, channel, channelData), channel_data: channelData })
}

describe('V1 and V2 connection basics', () => {
  it('sends V2 direct frames with a message_id and answers sockudo:ping without one', async () => {
    const c = await openRaw('protocol=2')
    const established = c.frames[0] as JsonFrame
    expect(established.event).toBe('sockudo:connection_established')
    expect(typeof established.message_id).toBe('string')
    expect(parse(established)).toEqual({ socket_id: c.socketId, activity_timeout: 120 })
    expect(c.socketId).toMatch(/^\d+\.\d+$/)
    c.send({ event: 'sockudo:ping', data: {} })
    expect(await c.next((f) => f.event === 'sockudo:pong')).toEqual({ event: 'sockudo:pong' })
    await c.close()
  })

  it('delivers V2 broadcast metadata with increasing serials and strips it for V1', async (ctx) => {
    skipUnless(ctx, ['recovery']) // serial and stream_id need recovery (or history); the repo config has both
    const channel = unique('orders-')
    const v1 = await openRaw('protocol=7')
    const v2 = await openRaw('protocol=2')
    await subscribe(v1, channel)
    const ack = await subscribe(v2, channel)
    expect(ack.serial).toBe(0)
    expect(typeof ack.stream_id).toBe('string')
    const sdk = serverSdk()
    await sdk.trigger(channel, 'e', { n: 1 })
    await sdk.trigger(channel, 'e', { n: 2 })
    const a = await v2.next((f) => f.event === 'e')
    const b = await v2.next((f) => f.event === 'e')
    expect([a.serial, b.serial]).toEqual([1, 2])
    // Real Sockudo 5.2 (versioned messages on) announces the history store's stream id on
    // subscription_succeeded; live frames carry the version stream's id, the same on every frame.
    expect(typeof a.stream_id).toBe('string')
    expect(b.stream_id).toBe(a.stream_id)
    expect(a.message_id).not.toBe(b.message_id)
    expect(await v1.next((f) => f.event === 'e')).toEqual({ event: 'e', channel, data: '{"n":1}' })
    await v1.close()
    await v2.close()
  })
})

const needsClientMessages = requireFeatures(['clientMessages'])
describe.skipIf(needsClientMessages.skip)(needsClientMessages.title('client events'), () => {
  it('relays as sent, never echoes to a V1 sender and echoes to a V2 sender', async () => {
    const channel = unique('private-')
    const v1 = await openRaw('protocol=7')
    const v2 = await openRaw('protocol=2')
    await subscribe(v1, channel, { auth: channelAuth(v1.socketId, channel) })
    await subscribe(v2, channel, { auth: channelAuth(v2.socketId, channel) })
    v1.send({ event: 'client-typing', channel, data: { who: 'v1' } })
    const atV2 = await v2.next((f) => f.event === 'client-typing')
    expect(atV2.data).toEqual({ who: 'v1' })
    expect(atV2.user_id).toBeUndefined()
    v2.send({ event: 'client-typing', channel, data: { who: 'v2' } })
    await v2.next((f) => f.event === 'client-typing' && (f.data as { who: string }).who === 'v2')
    await v1.next((f) => f.event === 'client-typing' && (f.data as { who: string }).who === 'v2')
    expect(v1.frames.filter((f) => f.event === 'client-typing')).toHaveLength(1)
    await v1.close()
    await v2.close()
  })

  it('does not echo to a V2 sender that connected with echo_messages=false', async () => {
    const channel = unique('private-')
    const quiet = await openRaw('protocol=2&echo_messages=false')
    const peer = await openRaw('protocol=2')
    await subscribe(quiet, channel, { auth: channelAuth(quiet.socketId, channel) })
    await subscribe(peer, channel, { auth: channelAuth(peer.socketId, channel) })
    quiet.send({ event: 'client-a', channel, data: 1 })
    await peer.next((f) => f.event === 'client-a')
    peer.send({ event: 'client-b', channel, data: 2 })
    await quiet.next((f) => f.event === 'client-b')
    expect(quiet.frames.filter((f) => f.event === 'client-a')).toEqual([])
    await Promise.all([quiet.close(), peer.close()])
  })

  it('rejects client events on public channels and on channels the socket did not join', async () => {
    const c = await openRaw()
    c.send({ event: 'client-x', channel: 'public-room', data: {} })
    expect((await c.next((f) => f.event === 'pusher:error')).data).toEqual({ code: 4301, message: 'Client event error: Client events can only be sent to private or presence channels' })
    c.send({ event: 'client-x', channel: 'private-elsewhere', data: {} })
    expect((await c.next((f) => f.event === 'pusher:error')).data).toEqual({ code: 4301, message: `Client event error: Socket ${c.socketId} is not subscribed to channel private-elsewhere` })
    await c.close()
  })
})

describe('presence', () => {
  it('requires a string user_id and sends member_removed on unsubscribe', async () => {
    const channel = unique('presence-')
    const a = await openRaw()
    const b = await openRaw()
    const numeric = JSON.stringify({ user_id: 42 })
    a.send({ event: 'pusher:subscribe', data: { channel, auth: channelAuth(a.socketId, channel, numeric), channel_data: numeric } })
    expect((await a.next((f) => f.event === 'pusher:error')).data).toEqual({ code: 4300, message: 'Channel error: Missing user_id in channel_data' })
    const ack = await joinPresence(a, channel, 'u1', { name: 'A' })
    expect(parse(ack)).toEqual({ presence: { ids: ['u1'], hash: { u1: { name: 'A' } }, count: 1 } })
    await joinPresence(b, channel, 'u2')
    expect(parse(await a.next((f) => f.event === 'pusher_internal:member_added'))).toEqual({ user_id: 'u2', user_info: {} })
    b.send({ event: 'pusher:unsubscribe', data: { channel } })
    expect(parse(await a.next((f) => f.event === 'pusher_internal:member_removed'))).toEqual({ user_id: 'u2' })
    await a.close()
    await b.close()
  })
})

describe('signin and watchlist', () => {
  it('signs in, then reports online/offline of watched users as bare events', async (ctx) => {
    skipUnless(ctx, ['userAuthentication', 'watchlistEvents', 'watchlistOffline'])
    const [alice, bob] = [unique('alice-'), unique('bob-')]
    const a = await openRaw()
    const aData = JSON.stringify({ id: alice, watchlist: [bob] })
    a.send({ event: 'pusher:signin', data: { auth: userAuth(a.socketId, aData), user_data: aData } })
    expect(await a.next((f) => f.event === 'offline')).toEqual({ event: 'offline', data: { user_ids: [bob] } })
    expect(await a.next((f) => f.event === 'pusher:signin_success')).toEqual({ event: 'pusher:signin_success', data: { user_data: aData } })
    const b = await openRaw()
    const bData = JSON.stringify({ id: bob, watchlist: [alice] })
    b.send({ event: 'pusher:signin', data: { auth: userAuth(b.socketId, bData), user_data: bData } })
    expect(await a.next((f) => f.event === 'online')).toEqual({ event: 'online', data: { user_ids: [bob] } })
    await b.next((f) => f.event === 'pusher:signin_success')
    await b.close()
    expect(await a.next((f) => f.event === 'offline')).toEqual({ event: 'offline', data: { user_ids: [bob] } })
    a.send({ event: 'pusher:signin', data: { auth: 'app-key:bad', user_data: aData } })
    expect((await a.next((f) => f.event === 'pusher:error')).data).toEqual({ code: 4009, message: 'Authentication error: Connection not authorized for signin.' })
    await a.close()
  })

  it('delivers #server-to-user events to signed-in sockets and terminates them over HTTP', async (ctx) => {
    skipUnless(ctx, ['userAuthentication'])
    const user = unique('u-')
    const a = await openRaw()
    const data = JSON.stringify({ id: user })
    a.send({ event: 'pusher:signin', data: { auth: userAuth(a.socketId, data), user_data: data } })
    await a.next((f) => f.event === 'pusher:signin_success')
    await serverSdk().sendToUser(user, 'note', { hi: 1 })
    expect(await a.next((f) => f.event === 'note')).toEqual({ event: 'note', channel: `#server-to-user-${user}`, data: '{"hi":1}' })
    const closed = new Promise<number>((resolve) => a.ws.once('close', (code) => resolve(code)))
    await serverSdk().terminateUserConnections(user)
    expect(await closed).toBe(4009)
    expect((a.frames.at(-1) as JsonFrame).data).toEqual({ code: 4009, message: 'You got disconnected by the app.' })
  })
})

describe('V2 meta channels', () => {
  it('reports occupied, counts, members and vacated on [meta]<channel>', async () => {
    const channel = unique('presence-')
    const meta = await openRaw('protocol=2')
    await subscribe(meta, `[meta]${channel}`)
    const a = await openRaw('protocol=7')
    await joinPresence(a, channel, 'm1')
    const events = async (n: number) => {
      const out: unknown[] = []
      for (let i = 0; i < n; i++) {
        const f = await meta.next((x) => x.channel === `[meta]${channel}` && x.event !== 'sockudo_internal:subscription_succeeded')
        out.push([f.event, f.data])
      }
      return out
    }
    expect(await events(3)).toEqual([
      ['sockudo_internal:member_added', { channel, user_id: 'm1' }],
      ['sockudo_internal:channel_occupied', { channel, subscription_count: 1 }],
      ['sockudo_internal:subscription_count', { channel, subscription_count: 1 }],
    ])
    a.send({ event: 'pusher:unsubscribe', data: { channel } })
    expect(await events(2)).toEqual([
      ['sockudo_internal:member_removed', { channel, user_id: 'm1' }],
      ['sockudo_internal:channel_vacated', { channel, subscription_count: 0 }],
    ])
    const v1 = await openRaw('protocol=7')
    v1.send({ event: 'pusher:subscribe', data: { channel: `[meta]${channel}` } })
    expect((await v1.next((f) => f.event === 'pusher:error')).data).toEqual({ code: 4300, message: 'Channel error: Metachannel subscriptions are only supported on protocol V2' })
    await Promise.all([meta.close(), a.close(), v1.close()])
  })
})
