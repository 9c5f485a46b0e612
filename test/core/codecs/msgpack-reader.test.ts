import { Decoder, Encoder } from '@msgpack/msgpack'
import { describe, expect, it } from 'vitest'
import { decodeMsgpack } from '../../../src/core/codecs/msgpack/decode'
import { createRandom } from './prng'
import type { Random } from './prng'

// The client's MessagePack reader against @msgpack/msgpack as an independent peer: whatever the
// library encodes, both decode to the same value (the library gives a bigint for every 64-bit
// integer; the reader only past 2^53, so both sides are compared after that normalisation).

const encoders = [
  new Encoder({ useBigInt64: true }),
  new Encoder({ useBigInt64: true, forceFloat32: true }),
  new Encoder({ useBigInt64: true, forceIntegerToFloat: true }),
]
const peer = new Decoder({ useBigInt64: true })

function normalise(value: unknown): unknown {
  if (typeof value === 'bigint') return value >= -(2n ** 53n) + 1n && value <= 2n ** 53n - 1n ? Number(value) : value
  if (value instanceof Uint8Array) return Array.from(value)
  if (Array.isArray(value)) return value.map(normalise)
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v)]))
  return value
}

const STRINGS = ['', 'trade', 'é', '日本語', '🎉 party', 'x'.repeat(31), 'y'.repeat(32), 'z'.repeat(300)]
const NUMBERS = [0, 1, 127, 128, 255, 256, 65_535, 65_536, 2 ** 32 - 1, 2 ** 32, -1, -32, -33, -128, -129, -32_768, -32_769, -(2 ** 31), -(2 ** 31) - 1, 0.5, -1.25, 1e300]
const BIGINTS = [2n ** 53n, 2n ** 64n - 1n, -(2n ** 63n), 2n ** 53n - 1n]

function randomValue(random: Random, depth: number): unknown {
  const kind = random.int(depth > 2 ? 6 : 8)
  switch (kind) {
    case 0: return random.pick(STRINGS)
    case 1: return random.pick(NUMBERS)
    case 2: return random.pick(BIGINTS)
    case 3: return random.pick([null, true, false])
    case 4: return random.bytes(random.pick([0, 5, 300]))
    case 5: return random.next() * 1e6 - 5e5
    case 6: return Array.from({ length: random.pick([0, 3, 16]) }, () => randomValue(random, depth + 1))
    default: return Object.fromEntries(Array.from({ length: random.pick([0, 2, 16]) }, (_, i) => [`k${i}${random.pick(STRINGS).slice(0, 3)}`, randomValue(random, depth + 1)]))
  }
}

describe('MessagePack reader', () => {
  it('decodes what @msgpack/msgpack encodes exactly as it does (300 random values, 3 encoders)', () => {
    const random = createRandom(7)
    for (let i = 0; i < 300; i++) {
      const value = randomValue(random, 0)
      for (const encoder of encoders) {
        const bytes = encoder.encode(value)
        expect(normalise(decodeMsgpack(bytes))).toEqual(normalise(peer.decode(bytes)))
      }
    }
  })

  it('reads the 32-bit length forms (strings and binaries past 64 KiB)', () => {
    const value = ['w'.repeat(70_000), new Uint8Array(70_000).fill(9), Array.from({ length: 70_000 }, (_, i) => i % 3)]
    const bytes = encoders[0]!.encode(value)
    expect(normalise(decodeMsgpack(bytes))).toEqual(normalise(peer.decode(bytes)))
  })

  it('keeps 64-bit integers exact and safe ones as numbers', () => {
    const bytes = encoders[0]!.encode([2n ** 64n - 1n, -(2n ** 63n), 7n, 2n ** 53n - 1n])
    expect(decodeMsgpack(bytes)).toEqual([2n ** 64n - 1n, -(2n ** 63n), 7, 2 ** 53 - 1])
  })

  it('refuses truncated input at every cut, trailing bytes and unused types', () => {
    const bytes = encoders[0]!.encode({ event: 'trade', data: 'x'.repeat(40), serial: 2n ** 60n, list: [1, 2.5, true] })
    for (let cut = 0; cut < bytes.length; cut++) expect(() => decodeMsgpack(bytes.subarray(0, cut))).toThrow(RangeError)
    expect(() => decodeMsgpack(Uint8Array.from([...bytes, 0xc0]))).toThrow(/trailing/)
    expect(() => decodeMsgpack(Uint8Array.from([0xc1]))).toThrow(/0xc1/)
    expect(() => decodeMsgpack(Uint8Array.from([0xd4, 0x01, 0x00]))).toThrow(/extension/)
    // A count far past the end is refused before anything is allocated for it.
    expect(() => decodeMsgpack(Uint8Array.from([0xdd, 0xff, 0xff, 0xff, 0xff]))).toThrow(/truncated/)
  })

  it('refuses invalid UTF-8 and map keys that are not strings or numbers', () => {
    expect(() => decodeMsgpack(Uint8Array.from([0xa2, 0xc3, 0x28]))).toThrow(TypeError)
    expect(() => decodeMsgpack(Uint8Array.from([0x81, 0xc3, 0x01]))).toThrow(/map key/)
    expect(decodeMsgpack(Uint8Array.from([0x81, 0x07, 0x01]))).toEqual({ 7: 1 })
  })

  it('keeps a __proto__ key as an own property', () => {
    const value = decodeMsgpack(encoders[0]!.encode(JSON.parse('{"__proto__":{"polluted":true}}'))) as Record<string, unknown>
    expect(Object.hasOwn(value, '__proto__')).toBe(true)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('remembers envelope strings by their bytes, never by their position alone', () => {
    const encode = (fields: unknown[]) => encoders[0]!.encode(fields)
    const id = (n: number) => `${String(n).padStart(8, '0')}-5d6e-4f70-8a9b-0c1d2e3f4a5b`
    // The same position with the same bytes, then other bytes of the same length, then a change
    // after a run of unique values (the message-id position, which stops being remembered).
    for (let n = 0; n < 100; n++) expect(decodeMsgpack(encode(['trade', 'bench', id(n)]))).toEqual(['trade', 'bench', id(n)])
    expect(decodeMsgpack(encode(['trade', 'bencx', id(7)]))).toEqual(['trade', 'bencx', id(7)])
    expect(decodeMsgpack(encode(['trado', 'bench', 'é']))).toEqual(['trado', 'bench', 'é'])
    // A remembered value is a copy: reusing the input buffer for other bytes changes nothing.
    const bytes = encode(['trade', 'bench'])
    expect(decodeMsgpack(bytes)).toEqual(['trade', 'bench'])
    bytes[bytes.length - 1] = 0x78 // 'bench' → 'bencx' in place
    expect(decodeMsgpack(bytes)).toEqual(['trade', 'bencx'])
    // Nested strings are never taken from the top-level memory, and invalid UTF-8 still throws.
    expect(decodeMsgpack(encode([['bench'], 'trade']))).toEqual([['bench'], 'trade'])
    expect(() => decodeMsgpack(Uint8Array.from([0x92, 0xa5, 0x74, 0x72, 0x61, 0x64, 0x65, 0xa2, 0xc3, 0x28]))).toThrow(TypeError)
  })
})
