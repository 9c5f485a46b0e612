import { describe, expect, it } from 'vitest'
import { DeltaManager, type PresenceChannel, type SockudoError, type SubscriptionState } from '@sockudo/vue/core'
import { fakeClient } from '../../fakes/client'
import { flush } from '../../fakes/fake-server'

const presenceAuth = async ({ socketId, channelName }: { socketId: string; channelName: string }) => ({
  auth: `app-key:sig-${socketId}-${channelName}`, channel_data: '{"user_id":"u1","user_info":{"name":"Ada"}}',
})

describe('channels (fake server)', () => {
  it('sends a public subscribe with empty auth and becomes subscribed on the ack', async () => {
    const { client, server, connect } = fakeClient()
    await connect()
    const states: SubscriptionState[] = []
    const channel = client.subscribe('orders')
    channel.on('state_change', ({ current }) => states.push(current))
    await flush()
    expect(server.last.sentEvents('pusher:subscribe')).toEqual([{ event: 'pusher:subscribe', data: { auth: '', channel: 'orders' } }])
    server.subscribed(server.last, 'orders')
    expect(channel.subscribed).toBe(true)
    expect(states).toEqual(['subscribed'])
  })

  it('subscribes channels requested before connect once connected', async () => {
    const { client, server, connect } = fakeClient()
    const channel = client.subscribe('early')
    expect(channel.state).toBe('subscribing')
    await connect()
    await flush()
    expect(server.last.sentEvents('pusher:subscribe')).toHaveLength(1)
  })

  it('passes filter, delta, rewind and modes into the V2 subscribe frame', async () => {
    const { client, server, connect } = fakeClient({ protocolVersion: 2, deltaStage: new DeltaManager() })
    await connect()
    client.subscribe('prices', { filter: { events: ['tick'] }, delta: { algorithm: 'fossil' }, rewind: { seconds: 30 }, modes: ['SUBSCRIBE'] })
    await flush()
    expect(server.last.sentEvents('sockudo:subscribe')[0]!.data).toEqual({
      auth: '', channel: 'prices', filter: { events: ['tick'] }, delta: 'fossil', rewind: { seconds: 30 }, modes: ['SUBSCRIBE'],
    })
  })

  it('keeps V1 and V2 prefixes per client instance', async () => {
    const v1 = fakeClient()
    const v2 = fakeClient({ protocolVersion: 2 })
    await v1.connect()
    await v2.connect()
    v1.client.subscribe('a')
    v2.client.subscribe('a')
    await flush()
    expect(v1.server.last.sent.map((f) => f.event)).toEqual(['pusher:subscribe'])
    expect(v2.server.last.sent.map((f) => f.event)).toEqual(['sockudo:subscribe'])
    v2.server.subscribed(v2.server.last, 'a')
    expect(v2.client.channel('a')!.subscribed).toBe(true)
  })

  it('always sends presence channel_data as the exact signed string', async () => {
    const { client, server, connect } = fakeClient({ channelAuthorization: { customHandler: presenceAuth } })
    await connect()
    client.subscribe('presence-room')
    await flush()
    const data = server.last.sentEvents('pusher:subscribe')[0]!.data as Record<string, unknown>
    expect(data.channel_data).toBe('{"user_id":"u1","user_info":{"name":"Ada"}}')
  })

  it('keeps the presence roster: me, join, leave, V2 member updates', async () => {
    const { client, server, connect } = fakeClient({ protocolVersion: 2, channelAuthorization: { customHandler: presenceAuth } })
    await connect()
    const channel = client.subscribe('presence-room') as PresenceChannel<{ name?: string; status?: string }>
    await flush()
    server.subscribed(server.last, 'presence-room', { presence: { ids: ['u1', 'u2'], hash: { u1: { name: 'Ada' }, u2: {} }, count: 2 } })
    expect(channel.members.count).toBe(2)
    expect(channel.members.me).toEqual({ id: 'u1', info: { name: 'Ada' } })
    const events: string[] = []
    channel.on('member_added', (m) => events.push(`+${m.id}`))
    channel.on('member_removed', (m) => events.push(`-${m.id}`))
    channel.on('member_updated', (m) => events.push(`~${m.id}:${JSON.stringify(m.info)}`))
    const s = server.last
    s.serverSend({ event: 'sockudo_internal:member_added', channel: 'presence-room', data: '{"user_id":"u3","user_info":{"name":"Lin"}}' })
    s.serverSend({ event: 'sockudo_internal:member_added', channel: 'presence-room', data: '{"no_user":1}' })
    s.serverSend({ event: 'sockudo_internal:member_removed', channel: 'presence-room', data: '{"user_id":"u2"}' })
    s.serverSend({ event: 'sockudo_internal:member_removed', channel: 'presence-room', data: '{"user_id":"ghost"}' })
    s.serverSend({ event: 'sockudo_internal:presence_update', channel: 'presence-room', data: '{"user_id":"u1","user_info":{"status":"thinking"}}' })
    expect(events).toEqual(['+u3', '-u2', '~u1:{"status":"thinking"}'])
    expect(channel.members.toArray().map((m) => m.id).sort()).toEqual(['u1', 'u3'])
    expect(channel.members.me?.info).toEqual({ status: 'thinking' })
  })

  it('sends presence.update as a JSON string (V2)', async () => {
    const { client, server, connect } = fakeClient({ protocolVersion: 2, channelAuthorization: { customHandler: presenceAuth } })
    await connect()
    const channel = client.subscribe('presence-agent') as PresenceChannel
    await flush()
    server.subscribed(server.last, 'presence-agent', { presence: { ids: ['u1'], hash: { u1: {} }, count: 1 } })
    expect(channel.update({ status: 'thinking' })).toBe(true)
    expect(server.last.sentEvents('sockudo:presence_update')).toEqual([
      { event: 'sockudo:presence_update', data: '{"channel":"presence-agent","data":{"status":"thinking"}}' },
    ])
  })

  it('fails a subscription that is never acknowledged after subscriptionTimeout', async () => {
    const { client, clock, connect } = fakeClient({ subscriptionTimeout: 2000 })
    await connect()
    const channel = client.subscribe('silent')
    await flush()
    clock.tick(2000)
    expect(channel.state).toBe('failed')
    expect(channel.error).toMatchObject({ code: 'channel/subscribe-timeout', channel: 'silent' })
  })

  it('attributes channel-less error frames to the oldest pending subscription', async () => {
    const { client, server, connect } = fakeClient()
    await connect()
    const errors: SockudoError[] = []
    client.on('error', (e) => errors.push(e))
    const bad = client.subscribe('bad:name')
    const good = client.subscribe('good')
    await flush()
    server.last.serverSend({ event: 'pusher:error', data: { code: 4300, message: "Channel error: Unknown channel namespace 'bad'" } })
    server.subscribed(server.last, 'good')
    expect(bad.state).toBe('failed')
    expect(bad.error).toMatchObject({ code: 'channel/rejected', serverCode: 4300, channel: 'bad:name' })
    expect(good.subscribed).toBe(true)
    expect(errors).toEqual([])
  })

  it('reports client-event errors at the client level, not on a pending channel', async () => {
    const { client, server, connect } = fakeClient()
    await connect()
    const errors: SockudoError[] = []
    client.on('error', (e) => errors.push(e))
    const pending = client.subscribe('pending')
    await flush()
    server.last.serverSend({ event: 'pusher:error', data: { code: 4301, message: 'Client event rejected due to rate limit' } })
    expect(pending.state).toBe('subscribing')
    expect(errors.map((e) => [e.code, e.serverCode])).toEqual([['connection/server-error', 4301]])
  })

  it('tracks subscription_count', async () => {
    const { client, server, connect } = fakeClient()
    await connect()
    const channel = client.subscribe('counted')
    await flush()
    server.subscribed(server.last, 'counted')
    const counts: number[] = []
    client.on('subscription_count', ({ count }) => counts.push(count))
    server.last.serverSend({ event: 'pusher_internal:subscription_count', channel: 'counted', data: '{"subscription_count":3}' })
    expect(channel.subscriptionCount).toBe(3)
    expect(counts).toEqual([3])
  })

  it('re-subscribes every channel after a reconnect and clears presence rosters meanwhile', async () => {
    const { client, server, clock, connect } = fakeClient({ channelAuthorization: { customHandler: presenceAuth } })
    await connect()
    const channel = client.subscribe('presence-r') as PresenceChannel
    await flush()
    server.subscribed(server.last, 'presence-r', { presence: { ids: ['u1'], hash: { u1: {} }, count: 1 } })
    server.last.serverClose(1006)
    expect(channel.state).toBe('subscribing')
    expect(channel.members.count).toBe(0)
    clock.tick(1000)
    await flush()
    expect(server.sockets).toHaveLength(2)
    expect(server.last.sentEvents('pusher:subscribe')).toHaveLength(1)
  })

  it('delivers metadata and the whole event to bind and bindGlobal', async () => {
    const { client, server, connect } = fakeClient({ protocolVersion: 2 })
    await connect()
    const channel = client.subscribe('meta')
    await flush()
    const bound: unknown[] = []
    const global: unknown[] = []
    channel.bind('e', (data, meta) => bound.push([data, meta]))
    channel.bindGlobal((name, data, event) => global.push(event))
    server.last.serverSend('{"event":"e","channel":"meta","data":"{\\"x\\":1}","message_id":"m1","serial":9007199254740993,"stream_id":"s1","user_id":"u9","extras":{"headers":{"a":"b"}}}')
    expect(bound).toEqual([[{ x: 1 }, { user_id: 'u9', messageId: 'm1', serial: '9007199254740993', streamId: 's1', extras: { headers: { a: 'b' } } }]])
    expect(global).toEqual([{ event: 'e', channel: 'meta', data: { x: 1 }, messageId: 'm1', serial: '9007199254740993', streamId: 's1', userId: 'u9', extras: { headers: { a: 'b' } } }])
  })

  it('unsubscribing a pending channel sends unsubscribe and ignores the late ack', async () => {
    const { client, server, connect } = fakeClient()
    await connect()
    const channel = client.subscribe('late')
    await flush()
    client.unsubscribe('late')
    server.subscribed(server.last, 'late')
    expect(channel.state).toBe('unsubscribed')
    expect(server.last.sentEvents('pusher:unsubscribe')).toEqual([{ event: 'pusher:unsubscribe', data: { channel: 'late' } }])
  })
})
