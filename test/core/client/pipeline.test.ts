import { describe, expect, it } from 'vitest'
import type { Codec, DeltaStage, InboundFrame } from '@sockudo/vue/core'
import { fakeClient } from '../../fakes/client'
import { flush } from '../../fakes/fake-server'

/** A toy binary codec: UTF-8 JSON inside binary frames, enough to tell the paths apart. */
const toyCodec: Codec = {
  format: 'msgpack', queryValue: 'msgpack', binary: true,
  encode: (frame) => new TextEncoder().encode(JSON.stringify({ ...frame, toy: true })),
  decode: (bytes) => {
    const v = JSON.parse(new TextDecoder().decode(bytes as Uint8Array)) as Record<string, unknown>
    return { event: String(v.event), channel: v.channel as string, data: v.data }
  },
}

describe('inbound pipeline and codecs (fake server)', () => {
  it('decodes binary frames with the codec and text frames as JSON on a binary connection', async () => {
    const { client, server } = fakeClient({ protocolVersion: 2, codec: toyCodec })
    server.autoAccept = false
    client.connect()
    await flush()
    expect(server.last.url).toContain('&format=msgpack')
    server.establish(server.last)
    expect(client.connection.state).toBe('connected')
    const channel = client.subscribe('room')
    await flush()
    expect(server.last.sentRaw.every((f) => f instanceof Uint8Array)).toBe(true)
    const got: unknown[] = []
    channel.bind('e', (d) => got.push(d))
    server.last.onmessage?.({ data: new TextEncoder().encode(JSON.stringify({ event: 'e', channel: 'room', data: '{"via":"binary"}' })).buffer })
    server.last.serverSend({ event: 'e', channel: 'room', data: { via: 'text' } })
    expect(got).toEqual([{ via: 'binary' }, { via: 'text' }])
  })

  it('runs dedup, then recovery, then the delta stage, then delivery', async () => {
    const order: string[] = []
    const stage: DeltaStage = {
      process(frame: InboundFrame, io) {
        order.push(`delta:${frame.event}:${io.prefix}`)
        if (frame.event === 'sockudo:delta') return { event: 'price', channel: frame.channel!, data: '{"p":2}', messageId: 'm2', serial: '2' }
        if (frame.event === 'drop') return null
        return frame
      },
    }
    const { client, server, connect } = fakeClient({ protocolVersion: 2, connectionRecovery: true, deltaStage: stage })
    await connect()
    const channel = client.subscribe('prices')
    await flush()
    channel.bind('price', (d) => order.push(`deliver:${JSON.stringify(d)}`))
    order.length = 0
    const s = server.last
    s.serverSend({ event: 'price', channel: 'prices', data: '{"p":1}', message_id: 'm1', serial: 1 })
    s.serverSend({ event: 'price', channel: 'prices', data: '{"p":1}', message_id: 'm1', serial: 1 })
    s.serverSend({ event: 'sockudo:delta', channel: 'prices', data: { event: 'price', delta: 'x', seq: 1 } })
    s.serverSend({ event: 'drop', channel: 'prices' })
    expect(order).toEqual(['delta:price:sockudo:', 'deliver:{"p":1}', 'delta:sockudo:delta:sockudo:', 'deliver:{"p":2}', 'delta:drop:sockudo:'])
    expect(client.getRecoveryPosition('prices')).toEqual({ serial: '2', lastMessageId: 'm2' })
    s.serverSend('{broken')
    expect(client.stats()).toMatchObject({ duplicates: 1, deltaFailures: 1, undecodable: 1, delivered: 2 })
  })

  it('resets the delta stage on every connection and per channel on unsubscribe', async () => {
    const resets: (string | undefined)[] = []
    const stage: DeltaStage = { process: (f) => f, reset: (channel) => resets.push(channel) }
    const { client, connect } = fakeClient({ protocolVersion: 2, deltaStage: stage })
    await connect()
    client.subscribe('a')
    client.unsubscribe('a')
    expect(resets).toEqual([undefined, 'a'])
  })
})
