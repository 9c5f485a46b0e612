import { afterEach, describe, expect, it } from 'vitest'
import type { Codec, SockudoClient } from '@sockudo/vue/core'
import { msgpackCodec } from '@sockudo/vue/codecs/msgpack'
import { protobufCodec } from '@sockudo/vue/codecs/protobuf'
import { serverSdk } from '../../support/live'
import { connect, createClient, subscribed, uid, waitFor } from './helpers'
import { skipUnless } from '../../support/real-server'

const clients: SockudoClient[] = []
afterEach(() => {
  for (const c of clients.splice(0)) c.disconnect()
})

describe.each([
  ['msgpack', msgpackCodec],
  ['protobuf', protobufCodec],
] as [string, Codec][])('V2 over %s', (_name, codec) => {
  it('receives binary publishes and JSON-text client events and presence frames', async (ctx) => {
    skipUnless(ctx, ['clientMessages'])
    const name = `presence-bin-${uid()}` as const
    const a = createClient({ presence: { user_id: 'a' }, options: { protocolVersion: 2, codec } })
    const b = createClient({ presence: { user_id: 'b' }, options: { protocolVersion: 2, codec } })
    clients.push(a, b)
    await connect(a)
    await connect(b)
    const ca = await subscribed(a.subscribe(name))
    const got: unknown[] = []
    ca.bind('pub', (d) => got.push(d))
    ca.bind('client-x', (d) => got.push(d))
    const cb = await subscribed(b.subscribe(name))
    await waitFor(() => ca.members.count === 2)
    await serverSdk().trigger(name, 'pub', { n: 1 })
    cb.trigger('client-x', { n: 2 })
    await waitFor(() => got.length === 2)
    expect(got).toContainEqual({ n: 1 })
    expect(got).toContainEqual({ n: 2 })
  })
})
