import { describe, expect, it } from 'vitest'
import { jsonCodec } from '../../../src/core/codecs'
import type { InboundFrame } from '../../../src/core/protocol/frame'
import { codecErrorOf, inbound, outbound, special } from './vectors'

describe('jsonCodec', () => {
  it('describes a text format without a query value', () => {
    expect(jsonCodec.format).toBe('json')
    expect(jsonCodec.binary).toBe(false)
    expect(jsonCodec.queryValue).toBeUndefined()
  })

  describe('decode', () => {
    it.each(inbound.map((v) => [v.name, v] as const))('decodes the vector: %s', (_name, v) => {
      expect(jsonCodec.decode(v.json)).toStrictEqual(v.expectedJson)
    })

    it.each(special.json.map((v) => [v.name, v] as const))('decodes the vector: %s', (_name, v) => {
      expect(jsonCodec.decode(v.input)).toStrictEqual(v.expected)
    })

    it.each(special.invalid.filter((v) => v.codec === 'json').map((v) => [v.name, v] as const))(
      'rejects %s',
      (_name, v) => {
        expect(codecErrorOf(() => jsonCodec.decode(v.input)).code).toBe(v.code)
      },
    )

    it('keeps raw as the exact frame text (delta bases are computed over it)', () => {
      const text = '{"event":"e","channel":"c","data":"{\\"a\\": 1}","serial":18446744073709551615,"__delta_seq":3}'
      const frame = jsonCodec.decode(text)
      expect(frame.raw).toBe(text)
      expect(frame.data).toBe('{"a": 1}')
      expect(frame.deltaSequence).toBe(3)
    })

    it('maps every wire key to its frame field', () => {
      const text = JSON.stringify({
        event: 'e', channel: 'c', data: { x: 1 }, name: 'n', user_id: 'u', message_id: 'm', stream_id: 's',
        serial: 5, extras: { echo: true }, tags: { t: 'v' }, __delta_seq: 2, __conflation_key: 'k',
      })
      const expected: InboundFrame = {
        event: 'e', channel: 'c', data: { x: 1 }, name: 'n', userId: 'u', messageId: 'm', streamId: 's',
        serial: '5', extras: { echo: true }, tags: { t: 'v' }, deltaSequence: 2, conflationKey: 'k', raw: text,
      }
      expect(jsonCodec.decode(text)).toStrictEqual(expected)
    })

    it('keeps an unknown "__proto__" key as data without touching prototypes', () => {
      const frame = jsonCodec.decode('{"event":"e","__proto__":{"polluted":true}}')
      expect(Object.getPrototypeOf(frame.unknown)).toBe(Object.prototype)
      expect(Object.getOwnPropertyDescriptor(frame.unknown, '__proto__')?.value).toEqual({ polluted: true })
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    })

    it('drops empty tags and accepts frames that repeat keys (last one wins, as JSON.parse does)', () => {
      expect(jsonCodec.decode('{"event":"e","tags":{}}').tags).toBeUndefined()
      expect(jsonCodec.decode('{"event":"a","event":"b"}').event).toBe('b')
    })

    it('reads UTF-8 bytes as text and rejects invalid UTF-8 with a CodecError', () => {
      const text = '{"event":"é","data":"' + 'x'.repeat(40) + '"}'
      expect(jsonCodec.decode(new TextEncoder().encode(text)).event).toBe('é')
      const bad = Uint8Array.from([...new TextEncoder().encode('{"event":"'), 0xc3, 0x28, ...new TextEncoder().encode('"}'.padEnd(40))])
      expect(codecErrorOf(() => jsonCodec.decode(bad)).code).toBe('codec/invalid-json')
    })
  })

  describe('encode', () => {
    it.each(outbound.map((v) => [v.name, v] as const))('encodes the vector: %s', (_name, v) => {
      expect(jsonCodec.encode(v.frame)).toBe(v.json)
    })

    it('throws codec/encode-failed on cyclic data and on a missing event', () => {
      const cyclic: Record<string, unknown> = {}
      cyclic.self = cyclic
      expect(codecErrorOf(() => jsonCodec.encode({ event: 'e', data: cyclic })).code).toBe('codec/encode-failed')
      expect(codecErrorOf(() => jsonCodec.encode({ event: undefined as unknown as string })).code).toBe('codec/encode-failed')
    })

    it('round-trips through decode', () => {
      const frame = jsonCodec.decode(jsonCodec.encode({ event: 'client-x', channel: 'private-c', data: { n: 18446744073709551615n } }))
      expect(frame).toMatchObject({ event: 'client-x', channel: 'private-c', data: { n: '18446744073709551615' } })
    })
  })
})
