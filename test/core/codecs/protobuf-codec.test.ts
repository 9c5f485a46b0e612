import { fileURLToPath } from 'node:url'
import protobuf from 'protobufjs'
import { describe, expect, it } from 'vitest'
import { createProtobufCodec, protobufCodec } from '@sockudo/vue/codecs/protobuf'
import { bytesToHex, codecErrorOf, hexToBytes, inbound, outbound, special } from './vectors'
import { createRandom } from './prng'
import type { Random } from './prng'

const root = protobuf.loadSync(fileURLToPath(new URL('../../vectors/codecs/sockudo-wire.proto', import.meta.url)))
const Envelope = root.lookupType('ProtoPusherMessage')
const toObject = (bytes: Uint8Array) =>
  Envelope.toObject(Envelope.decode(bytes), { longs: String, bytes: Array, oneofs: false, defaults: false })

describe('protobufCodec', () => {
  it('describes a binary format sent as format=protobuf (or proto when asked)', () => {
    expect(protobufCodec).toMatchObject({ format: 'protobuf', binary: true, queryValue: 'protobuf' })
    expect(createProtobufCodec({ queryValue: 'proto' }).queryValue).toBe('proto')
  })

  describe('decode', () => {
    it.each(inbound.map((v) => [v.name, v] as const))('decodes the vector: %s', (_name, v) => {
      expect(protobufCodec.decode(hexToBytes(v.protobuf))).toStrictEqual(v.expected)
    })

    it.each(special.protobuf.map((v) => [v.name, v] as const))('decodes the vector: %s', (_name, v) => {
      expect(protobufCodec.decode(hexToBytes(v.input))).toStrictEqual(v.expected)
    })

    it.each(special.invalid.filter((v) => v.codec === 'protobuf').map((v) => [v.name, v] as const))(
      'rejects %s',
      (_name, v) => {
        expect(codecErrorOf(() => protobufCodec.decode(hexToBytes(v.input))).code).toBe(v.code)
      },
    )

    it('decodes text frames as JSON (the mixed-frame rule, core.md §9.1)', () => {
      const text = '{"event":"pusher_internal:member_added","channel":"presence-c","data":"{}"}'
      expect(protobufCodec.decode(text)).toStrictEqual({ event: 'pusher_internal:member_added', channel: 'presence-c', data: '{}', raw: text })
    })

    it('reads a frame that sits inside a larger buffer', () => {
      const inner = hexToBytes(inbound[1]!.protobuf)
      const outer = new Uint8Array(inner.length + 7)
      outer.set(inner, 3)
      expect(protobufCodec.decode(outer.subarray(3, 3 + inner.length))).toStrictEqual(inbound[1]!.expected)
    })

    it('decodes what protobufjs encodes (500 random envelopes)', () => {
      const random = createRandom(0xbeef)
      for (let i = 0; i < 500; i++) {
        const [object, expected] = randomEnvelope(random)
        const bytes = Envelope.encode(Envelope.fromObject(object)).finish()
        expect(protobufCodec.decode(bytes)).toStrictEqual(expected)
      }
    })
  })

  describe('encode', () => {
    it.each(outbound.map((v) => [v.name, v] as const))('encodes the vector: %s', (_name, v) => {
      expect(bytesToHex(protobufCodec.encode(v.frame) as Uint8Array)).toBe(v.protobuf)
    })

    it('writes what protobufjs reads (long strings, unicode, bytes)', () => {
      const long = 'é'.repeat(300) + '🚀'
      const bytes = protobufCodec.encode({ event: long, channel: 'c'.repeat(200), data: Uint8Array.from([1, 2, 3]) }) as Uint8Array
      expect(toObject(bytes)).toEqual({ event: long, channel: 'c'.repeat(200), data: { binaryValue: [1, 2, 3] } })
      const json = protobufCodec.encode({ event: 'e', data: { serial: 18446744073709551615n } }) as Uint8Array
      expect(toObject(json)).toEqual({ event: 'e', data: { jsonValue: '{"serial":18446744073709551615}' } })
    })

    it('round-trips binary data through decode', () => {
      const data = Uint8Array.from({ length: 1000 }, (_, i) => i % 256)
      const frame = protobufCodec.decode(protobufCodec.encode({ event: 'client-b', channel: 'private-b', data }) as Uint8Array)
      expect(frame).toStrictEqual({ event: 'client-b', channel: 'private-b', data })
    })

    it('throws codec/encode-failed on cyclic data', () => {
      const cyclic: Record<string, unknown> = {}
      cyclic.self = cyclic
      expect(codecErrorOf(() => protobufCodec.encode({ event: 'e', data: cyclic })).code).toBe('codec/encode-failed')
    })
  })
})

/** A random envelope as a protobufjs object, plus the InboundFrame our decoder must produce. */
function randomEnvelope(random: Random): [Record<string, unknown>, Record<string, unknown>] {
  const text = () => random.pick(['', 'a', 'é☃🚀', 'x'.repeat(random.int(300)), '"quoted"'])
  const u64 = () => random.pick([0n, 1n, 127n, 128n, 2n ** 53n - 1n, 2n ** 53n + 1n, 2n ** 64n - 1n, BigInt(random.int(2 ** 31))]).toString()
  const object: Record<string, unknown> = { event: text() }
  const expected: Record<string, unknown> = { event: object.event }
  const maybe = (wire: string, frame: string, make: () => unknown, toFrame = (v: unknown) => v) => {
    if (random.int(2) === 0) return
    const value = make()
    object[wire] = value
    expected[frame] = toFrame(value)
  }
  maybe('channel', 'channel', text)
  maybe('name', 'name', text)
  maybe('userId', 'userId', text)
  maybe('messageId', 'messageId', text)
  maybe('streamId', 'streamId', text)
  maybe('serial', 'serial', u64)
  maybe('deltaSequence', 'deltaSequence', () => String(random.int(2 ** 31)), Number)
  maybe('deltaConflationKey', 'conflationKey', text)
  maybe('tags', 'tags', () => ({ [text()]: text(), k: text() }))
  const kind = random.int(4)
  if (kind === 1) {
    object.data = { stringValue: text() }
    expected.data = (object.data as { stringValue: string }).stringValue
  } else if (kind === 2) {
    object.data = { jsonValue: '{"n":18446744073709551615,"s":"x"}' }
    expected.data = { n: '18446744073709551615', s: 'x' }
  } else if (kind === 3) {
    const bytes = random.bytes(random.int(40))
    object.data = { binaryValue: bytes }
    expected.data = bytes
  }
  if (random.int(2)) {
    object.extras = { headers: { s: { stringValue: 'v' }, n: { numberValue: -1.5 }, b: { boolValue: false } }, echo: true }
    expected.extras = { headers: { s: 'v', n: -1.5, b: false }, echo: true }
  }
  return [object, expected]
}
