/**
 * Interop with the local Sockudo-compatible test server's codecs (test/stand-in/codecs): what
 * it encodes, our codecs decode, and what our codecs encode, it decodes. The vectors pin
 * the bytes; this guards the client and the test server against drifting apart.
 */
import { describe, expect, it } from 'vitest'
import { jsonCodec } from '../../../src/core/codecs'
import type { Codec } from '../../../src/core/codecs'
import { msgpackCodec } from '@sockudo/vue/codecs/msgpack'
import { protobufCodec } from '@sockudo/vue/codecs/protobuf'
import { decodeFrame, encodeFrame } from '../../stand-in/codecs'
import type { ServerFrame } from '../../stand-in/frame'

const codecs: [string, Codec][] = [['json', jsonCodec], ['msgpack', msgpackCodec], ['protobuf', protobufCodec]]

const broadcast: ServerFrame = {
  event: 'order.updated', channel: 'orders', data: '{"id":"ord_1"}', name: 'v1', user_id: 'u-1',
  tags: { region: 'eu' }, message_id: 'm-1', stream_id: 's-1', serial: 18446744073709551615n,
  extras: { headers: { tenant: 'acme', priority: 2, urgent: true }, ephemeral: true, echo: false },
  __delta_seq: 4, __conflation_key: 'BTC',
}

describe.each(codecs)('%s codec against the test server', (format, codec) => {
  const wire = (frame: ServerFrame) => {
    const encoded = encodeFrame(format as 'json', frame)
    return typeof encoded === 'string' ? encoded : new Uint8Array(encoded)
  }

  it('decodes a full V2 broadcast with a u64 serial', () => {
    const { raw: _raw, ...frame } = codec.decode(wire(broadcast))
    expect(frame).toStrictEqual({
      event: 'order.updated', channel: 'orders', data: '{"id":"ord_1"}', name: 'v1', userId: 'u-1',
      tags: { region: 'eu' }, messageId: 'm-1', streamId: 's-1', serial: '18446744073709551615',
      extras: { headers: { tenant: 'acme', priority: 2, urgent: true }, ephemeral: true, echo: false },
      deltaSequence: 4, conflationKey: 'BTC',
    })
  })

  it('decodes object data and serial 9007199254740993', () => {
    const frame = codec.decode(wire({ event: 'sockudo:error', data: { code: 4009, message: 'x' }, serial: 9007199254740993n }))
    expect(frame.data).toEqual({ code: 4009, message: 'x' })
    expect(frame.serial).toBe('9007199254740993')
  })

  it('sends frames the server decodes: objects, strings and bytes', () => {
    const toBuffer = (encoded: string | Uint8Array) => Buffer.from(typeof encoded === 'string' ? Buffer.from(encoded) : encoded)
    const subscribe = decodeFrame(format as 'json', toBuffer(codec.encode({ event: 'sockudo:subscribe', data: { channel: 'private-a', auth: 'k:s' } })))
    expect(subscribe).toMatchObject({ event: 'sockudo:subscribe', data: { channel: 'private-a', auth: 'k:s' }, dataIsString: false })
    const client = decodeFrame(format as 'json', toBuffer(codec.encode({ event: 'client-x', channel: 'private-a', data: '{"t":1}' })))
    expect(client).toMatchObject({ event: 'client-x', channel: 'private-a', data: '{"t":1}', dataIsString: true })
  })
})

describe.each(codecs.filter(([f]) => f !== 'json'))('%s binary data against the test server', (format, codec) => {
  it('round-trips bytes both ways', () => {
    const bytes = Uint8Array.from([0, 1, 254, 255])
    const down = codec.decode(new Uint8Array(encodeFrame(format as 'msgpack', { event: 'blob', channel: 'c', data: bytes }) as Uint8Array))
    expect(down.data).toEqual(bytes)
    const up = decodeFrame(format as 'msgpack', Buffer.from(codec.encode({ event: 'client-blob', channel: 'private-c', data: bytes }) as Uint8Array))
    expect(Array.from(up.data as Uint8Array)).toEqual([0, 1, 254, 255])
  })
})
