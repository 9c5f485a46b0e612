import { afterEach, describe, expect, it } from 'vitest'
import type { SockudoClient } from '@sockudo/vue/core'
import { serverSdk } from '../../support/live'
import { connect, createClient, subscribed, uid, waitFor } from './helpers'
import { skipUnless } from '../../support/real-server'

const clients: SockudoClient[] = []
const make = (...args: Parameters<typeof createClient>) => {
  const c = createClient(...args)
  clients.push(c)
  return c
}
afterEach(() => {
  for (const c of clients.splice(0)) c.disconnect()
})

describe('SockudoClient against the local server: channels', () => {
  it('connects over ws with protocol 7 and delivers a published event parsed', async () => {
    const client = await connect(make())
    expect(client.connection.socketId).toMatch(/^\d+\.\d+$/)
    const channel = await subscribed(client.subscribe(`orders-${uid()}`))
    const got: unknown[] = []
    channel.bind('order-updated', (data) => got.push(data))
    await serverSdk().trigger(channel.name, 'order-updated', { id: 7 })
    await waitFor(() => got.length === 1)
    expect(got[0]).toEqual({ id: 7 })
  })
})

describe('SockudoClient against the local server: private, presence, client events', () => {
  it('subscribes a private channel through the custom handler', async () => {
    const client = await connect(make())
    const channel = await subscribed(client.subscribe(`private-orders-${uid()}`))
    expect(channel.subscribed).toBe(true)
  })

  it('shows presence joins and leaves across two clients', async () => {
    const name = `presence-room-${uid()}` as const
    const alice = await connect(make({ presence: { user_id: 'alice', user_info: { name: 'Alice' } } }))
    const bob = await connect(make({ presence: { user_id: 'bob', user_info: { name: 'Bob' } } }))
    const a = await subscribed(alice.subscribe(name))
    expect(a.members.count).toBe(1)
    expect(a.members.me).toEqual({ id: 'alice', info: { name: 'Alice' } })
    const added: unknown[] = []
    const removed: unknown[] = []
    a.bind('pusher:member_added', (m) => added.push(m))
    a.bind('pusher:member_removed', (m) => removed.push(m))
    const b = await subscribed(bob.subscribe(name))
    expect(b.members.toArray().map((m) => m.id).sort()).toEqual(['alice', 'bob'])
    await waitFor(() => added.length === 1)
    expect(added[0]).toEqual({ id: 'bob', info: { name: 'Bob' } })
    expect(a.members.get('bob')).toEqual({ id: 'bob', info: { name: 'Bob' } })
    bob.unsubscribe(name)
    await waitFor(() => removed.length === 1)
    expect(removed[0]).toEqual({ id: 'bob', info: { name: 'Bob' } })
    expect(a.members.count).toBe(1)
  })

  it('carries client events between two clients (V1 does not echo them back)', async (ctx) => {
    skipUnless(ctx, ['clientMessages'])
    const name = `private-chat-${uid()}`
    const one = await connect(make())
    const two = await connect(make())
    const c1 = await subscribed(one.subscribe(name))
    const c2 = await subscribed(two.subscribe(name))
    const atTwo: unknown[] = []
    const atOne: unknown[] = []
    c2.bind('client-typing', (data) => atTwo.push(data))
    c1.bind('client-typing', (data) => atOne.push(data))
    expect(c1.trigger('client-typing', { who: 'one' })).toBe(true)
    await waitFor(() => atTwo.length === 1)
    expect(atTwo[0]).toEqual({ who: 'one' })
    await new Promise((r) => setTimeout(r, 100))
    expect(atOne).toEqual([])
  })

  it('rejects client events without the client- prefix and on public channels', async () => {
    const client = await connect(make())
    const priv = await subscribed(client.subscribe(`private-x-${uid()}`))
    expect(() => priv.trigger('typing', {})).toThrowError(/client-/)
    const pub = await subscribed(client.subscribe(`public-${uid()}`))
    expect(() => pub.trigger('client-typing', {})).toThrowError(/private and presence/)
  })

  it('stops delivering after unsubscribe', async () => {
    const client = await connect(make())
    const name = `news-${uid()}`
    const channel = await subscribed(client.subscribe(name))
    const got: unknown[] = []
    client.bind('headline', (d) => got.push(d))
    await serverSdk().trigger(name, 'headline', 'one')
    await waitFor(() => got.length === 1)
    client.unsubscribe(name)
    expect(channel.state).toBe('unsubscribed')
    expect(client.channel(name)).toBeUndefined()
    await serverSdk().trigger(name, 'headline', 'two')
    await new Promise((r) => setTimeout(r, 150))
    expect(got).toEqual(['one'])
  })
})
