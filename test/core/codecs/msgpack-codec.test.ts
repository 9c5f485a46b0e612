import { decode as referenceDecode, encode as referenceEncode } from '@msgpack/msgpack'
import { describe, expect, it } from 'vitest'
import { createMsgpackCodec, msgpackCodec } from '@sockudo/vue/codecs/msgpack'
import { bytesToHex, codecErrorOf, hexToBytes, inbound, outbound, special } from './vectors'

describe('msgpackCodec', () => {
  it('describes a binary format sent as format=msgpack (or messagepack when asked)', () => {
    expect(msgpackCodec).toMatchObject({ format: 'msgpack', binary: true, queryValue: 'msgpack' })
    expect(createMsgpackCodec({ queryValue: 'messagepack' }).queryValue).toBe('messagepack')
  })

  describe('decode', () => {
    it.each(inbound.map((v) => [v.name, v] as const))('decodes the vector: %s', (_name, v) => {
      expect(msgpackCodec.decode(hexToBytes(v.msgpack))).toStrictEqual(v.expected)
    })

    it.each(special.msgpack.map((v) => [v.name, v] as const))('decodes the vector: %s', (_name, v) => {
      expect(msgpackCodec.decode(hexToBytes(v.input))).toStrictEqual(v.expected)
    })

    it.each(special.invalid.filter((v) => v.codec === 'msgpack').map((v) => [v.name, v] as const))(
      'rejects %s',
      (_name, v) => {
        expect(codecErrorOf(() => msgpackCodec.decode(hexToBytes(v.input))).code).toBe(v.code)
      },
    )

    it('decodes text frames as JSON (the mixed-frame rule, core.md §9.1)', () => {
      const text = '{"event":"client-typing","channel":"private-c","data":{"a":1}}'
      expect(msgpackCodec.decode(text)).toStrictEqual({ event: 'client-typing', channel: 'private-c', data: { a: 1 }, raw: text })
    })

    it('returns binary data as a Uint8Array that does not alias the frame buffer', () => {
      const bytes = hexToBytes(inbound.find((v) => v.name === 'binary application data')!.msgpack)
      const data = msgpackCodec.decode(bytes).data as Uint8Array
      expect(data).toBeInstanceOf(Uint8Array)
      bytes.fill(0)
      expect(Array.from(data)).toEqual([0, 1, 2, 127, 128, 255])
    })

    it('returns a plain Uint8Array copy when the frame arrives as a Node Buffer (ws delivers those)', () => {
      const buffer = Buffer.from(inbound.find((v) => v.name === 'binary application data')!.msgpack, 'hex')
      const data = msgpackCodec.decode(buffer).data
      expect(Object.getPrototypeOf(data)).toBe(Uint8Array.prototype)
      buffer.fill(0)
      expect(Array.from(data as Uint8Array)).toEqual([0, 1, 2, 127, 128, 255])
    })

    it('agrees with @msgpack/msgpack on what each vector contains', () => {
      for (const v of inbound) {
        const value = referenceDecode(hexToBytes(v.msgpack), { useBigInt64: true }) as unknown[]
        expect(value).toHaveLength(15)
        expect(value[0]).toBe(v.expected.event)
      }
    })

    it('has no state leaking from a failed decode into the next one', () => {
      const good = hexToBytes(inbound[0]!.msgpack)
      expect(() => msgpackCodec.decode(good.subarray(0, 10))).toThrow()
      expect(msgpackCodec.decode(good)).toStrictEqual(inbound[0]!.expected)
    })
  })

  describe('encode', () => {
    it.each(outbound.map((v) => [v.name, v] as const))('encodes the vector: %s', (_name, v) => {
      const bytes = msgpackCodec.encode(v.frame)
      expect(bytes).toBeInstanceOf(Uint8Array)
      expect(bytesToHex(bytes as Uint8Array)).toBe(v.msgpack)
    })

    it('writes binary data as bin and round-trips it through decode', () => {
      const data = Uint8Array.from([9, 8, 7, 0, 255])
      const bytes = msgpackCodec.encode({ event: 'client-blob', channel: 'private-b', data }) as Uint8Array
      expect((referenceDecode(bytes) as unknown[])[2]).toEqual(['binary', data])
      const frame = msgpackCodec.decode(bytes)
      expect(frame.data).toEqual(data)
      expect(frame.data).toBeInstanceOf(Uint8Array)
    })

    it('returns a fresh buffer per frame', () => {
      const a = msgpackCodec.encode({ event: 'a', data: 'x' }) as Uint8Array
      const copy = a.slice()
      msgpackCodec.encode({ event: 'b', data: 'y' })
      expect(a).toEqual(copy)
    })

    it('throws codec/encode-failed on cyclic data', () => {
      const cyclic: Record<string, unknown> = {}
      cyclic.self = cyclic
      expect(codecErrorOf(() => msgpackCodec.encode({ event: 'e', data: cyclic })).code).toBe('codec/encode-failed')
    })
  })

  it('decodes envelopes written by @msgpack/msgpack in the JS client shape (extras as a map)', () => {
    const bytes = referenceEncode(
      ['e', 'c', ['json', '{"a":1}'], null, null, null, null, null, 'm', 's', 9007199254740993n, null,
        { headers: { h: ['string', 'v'] }, echo: true, futureExtrasField: 1 }, null, null],
      { useBigInt64: true },
    )
    expect(msgpackCodec.decode(bytes)).toStrictEqual({
      event: 'e', channel: 'c', data: { a: 1 }, messageId: 'm', streamId: 's', serial: '9007199254740993',
      extras: { headers: { h: 'v' }, echo: true, futureExtrasField: 1 },
    })
  })
})
