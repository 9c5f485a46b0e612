/**
 * Malformed-input fuzzing (seeded, bounded): every codec must either decode a frame that
 * keeps the InboundFrame invariants or throw a CodecError, never anything else. Inputs are
 * mutations of the committed vectors (truncation, bit flips, splices), random bytes, wrong
 * types at every envelope position, huge numbers and lengths, deep nesting, invalid UTF-8.
 */
import { encode as msgpackEncode } from '@msgpack/msgpack'
import { describe, expect, it } from 'vitest'
import { jsonCodec } from '../../../src/core/codecs'
import type { Codec } from '../../../src/core/codecs'
import { CodecError } from '../../../src/core/errors'
import { msgpackCodec } from '@sockudo/vue/codecs/msgpack'
import { MAX_DEPTH } from '../../../src/core/codecs/msgpack/decode'
import { protobufCodec } from '@sockudo/vue/codecs/protobuf'
import { createRandom } from './prng'
import type { Random } from './prng'
import { hexToBytes, inbound, special } from './vectors'

const PER_CODEC = 12_000

interface Tally {
  decoded: number
  rejected: number
}

/** Decodes one input and checks the contract; returns whether it was rejected. */
function check(codec: Codec, input: string | Uint8Array, tally: Tally): void {
  let frame
  try {
    frame = codec.decode(input)
  } catch (error) {
    if (!(error instanceof CodecError)) {
      throw new Error(`${codec.format} threw ${String(error)} for ${show(input)}`, { cause: error })
    }
    expect(error.code.startsWith('codec/')).toBe(true)
    // The catch-all wrapper's message means an internal bug, not a malformed frame.
    if (error.message.startsWith('unexpected')) throw new Error(`${codec.format}: ${error.message} for ${show(input)}`, { cause: error.cause })
    tally.rejected++
    return
  }
  tally.decoded++
  expect(typeof frame.event).toBe('string')
  if (frame.serial !== undefined) expect(frame.serial).toMatch(/^\d+$/)
  if (frame.deltaSequence !== undefined) expect(Number.isSafeInteger(frame.deltaSequence)).toBe(true)
  for (const key of ['channel', 'name', 'userId', 'messageId', 'streamId', 'conflationKey'] as const) {
    if (frame[key] !== undefined) expect(typeof frame[key]).toBe('string')
  }
}

function show(input: string | Uint8Array): string {
  return typeof input === 'string' ? JSON.stringify(input.slice(0, 200)) : Buffer.from(input.subarray(0, 100)).toString('hex')
}

function mutateBytes(random: Random, source: Uint8Array): Uint8Array {
  const bytes = source.slice()
  switch (random.int(6)) {
    case 0:
      return bytes.subarray(0, random.int(bytes.length))
    case 1:
      for (let i = 0, n = 1 + random.int(4); i < n; i++) { const at = random.int(bytes.length); bytes[at] = (bytes[at] ?? 0) ^ (1 << random.int(8)) }
      return bytes
    case 2:
      for (let i = 0, n = 1 + random.int(4); i < n; i++) bytes[random.int(bytes.length)] = random.int(256)
      return bytes
    case 3: {
      const at = random.int(bytes.length + 1)
      return Uint8Array.from([...bytes.subarray(0, at), ...random.bytes(1 + random.int(12)), ...bytes.subarray(at)])
    }
    case 4: {
      const at = random.int(bytes.length + 1)
      return Uint8Array.from([...bytes.subarray(0, at), ...bytes.subarray(at + 1 + random.int(8))])
    }
    default:
      return random.bytes(random.int(64))
  }
}

const WEIRD_JSON_VALUES = [
  '1', '-1', '1.5', '1e999', '-1e999', '18446744073709551616999', '-9007199254740993', '0.0000001', 'true', 'null',
  '""', '"x"', '[]', '{}', '[1,"a",{}]', '{"a":{"b":[18446744073709551615]}}', '"\\ud800"', '"\\u0000"',
  '[' .repeat(50) + ']'.repeat(50),
]
const KEYS = ['event', 'channel', 'data', 'name', 'user_id', 'message_id', 'stream_id', 'serial', 'tags', 'extras', '__delta_seq', '__conflation_key', '__proto__', 'x']

function jsonInput(random: Random, seeds: string[]): string | Uint8Array {
  switch (random.int(6)) {
    case 0: {
      const s = random.pick(seeds)
      return s.slice(0, random.int(s.length))
    }
    case 1: {
      const s = random.pick(seeds)
      const at = random.int(s.length)
      return s.slice(0, at) + random.pick(['"', '\\', '{', '}', ',', ':', '9007199254740993', '\u0000', '\ud800', 'e']) + s.slice(at + random.int(3))
    }
    case 2: {
      const entries = Array.from({ length: 1 + random.int(5) }, () => `"${random.pick(KEYS)}":${random.pick(WEIRD_JSON_VALUES)}`)
      return `{${entries.join(',')}}`
    }
    case 3: {
      const extras = `{"headers":${random.pick(WEIRD_JSON_VALUES)},"ai":${random.pick(WEIRD_JSON_VALUES)}}`
      return `{"event":"e","extras":${extras},"tags":${random.pick(WEIRD_JSON_VALUES)}}`
    }
    case 4:
      return mutateBytes(random, new TextEncoder().encode(random.pick(seeds)))
    default: {
      const depth = 1 + random.int(2_000)
      return `{"event":"e","data":${'['.repeat(depth)}${']'.repeat(random.int(2) ? depth : depth - 1)}}`
    }
  }
}

const MP_VALUES: unknown[] = [
  null, true, -1, 0, 2 ** 32, -(2 ** 40), 1.5, 18446744073709551615n, -9223372036854775808n, 'x', '', new Uint8Array([1, 2]),
  [], ['string'], ['binary', 'x'], ['json', 5], ['structured', 5], ['structured', [1, 2, 3, { a: 1 }]], ['string', 'ok'],
  { kind: 'json', value: '{"a":1}' }, { a: 1 }, { headers: 5 }, [{ h: ['number', 'x'] }], [null, 'yes'],
]

function msgpackInput(random: Random, seeds: Uint8Array[]): Uint8Array {
  switch (random.int(5)) {
    case 0:
    case 1:
      return mutateBytes(random, random.pick(seeds))
    case 2: {
      const envelope: unknown[] = Array.from({ length: random.int(18) }, () => (random.int(3) ? null : random.pick(MP_VALUES)))
      if (random.int(2)) envelope[0] = 'e'
      return msgpackEncode(envelope, { useBigInt64: true })
    }
    case 3: {
      // Huge declared lengths: str32, bin32, array32, map32 with little data behind them.
      const head = random.pick([0xdb, 0xc6, 0xdd, 0xdf, 0xc9])
      return Uint8Array.from([0x93, 0xa1, 0x65, 0xc0, head, 0xff, 0xff, 0xff, random.int(256), ...random.bytes(random.int(8))])
    }
    default: {
      // Deep nesting or invalid UTF-8 / unknown extension types.
      if (random.int(2)) {
        const depth = 1 + random.int(20_000)
        const bytes = new Uint8Array(depth + 2).fill(0x91)
        bytes[0] = 0x92
        bytes[depth + 1] = 0xc0
        return Uint8Array.from([0x93, 0xa1, 0x65, 0xc0, 0x92, 0xa4, 0x6a, 0x73, 0x6f, 0x6e, ...bytes.subarray(0, Math.min(bytes.length, 64))])
      }
      return Uint8Array.from([0x93, 0xa2, 0xc3, 0x28, 0xc0, random.pick([0xd4, 0xd6, 0xc7]), 0xff, ...random.bytes(10)])
    }
  }
}

function varint(value: number): number[] {
  const out: number[] = []
  while (value >= 0x80) {
    out.push((value % 0x80) | 0x80)
    value = Math.floor(value / 0x80)
  }
  out.push(value)
  return out
}

function protobufInput(random: Random, seeds: Uint8Array[]): Uint8Array {
  switch (random.int(5)) {
    case 0:
    case 1:
      return mutateBytes(random, random.pick(seeds))
    case 2: {
      // Random fields 1..20 with random wire types and payloads.
      const out: number[] = [0x0a, 0x01, 0x65]
      for (let i = 0, n = random.int(6); i < n; i++) {
        const field = 1 + random.int(20)
        const wt = random.pick([0, 1, 2, 3, 4, 5, 6, 7])
        out.push(...varint(field * 8 + wt))
        if (wt === 0) out.push(...random.bytes(random.int(11)).map((b, j, a) => (j < a.length - 1 ? b | 0x80 : b & 0x7f)))
        else if (wt === 1) out.push(...random.bytes(8))
        else if (wt === 5) out.push(...random.bytes(4))
        else if (wt === 2) {
          const payload = random.int(2) ? [0x0a, 0x02, 0xc3, 0x28] : Array.from(random.bytes(random.int(16)))
          out.push(...varint(payload.length), ...payload)
        }
      }
      return Uint8Array.from(out)
    }
    case 3:
      // Huge length prefixes and over-long varints.
      return Uint8Array.from([0x0a, 0x01, 0x65, 0x1a, ...random.pick([[0xff, 0xff, 0xff, 0xff, 0x0f], [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01], [0x80, 0x80, 0x80]]), ...random.bytes(4)])
    default: {
      // Deeply nested groups and sub-messages.
      const depth = 1 + random.int(200)
      const open = new Array<number>(depth).fill(0).flatMap(() => varint(20 * 8 + 3))
      const close = random.int(2) ? new Array<number>(depth).fill(0).flatMap(() => varint(20 * 8 + 4)) : []
      return Uint8Array.from([0x0a, 0x01, 0x65, ...open, ...close])
    }
  }
}

describe('codec fuzzing: malformed input only ever raises CodecError', () => {
  it(`JSON: ${PER_CODEC} malformed inputs`, { timeout: 120_000 }, () => {
    const random = createRandom(1)
    const seeds = [...inbound.map((v) => v.json), ...special.json.map((v) => v.input)]
    const tally: Tally = { decoded: 0, rejected: 0 }
    for (let i = 0; i < PER_CODEC; i++) check(jsonCodec, jsonInput(random, seeds), tally)
    expect(tally.rejected).toBeGreaterThan(PER_CODEC / 4)
    expect(tally.decoded).toBeGreaterThan(0)
  })

  it(`MessagePack: ${PER_CODEC} malformed inputs`, { timeout: 120_000 }, () => {
    const random = createRandom(2)
    const seeds = [...inbound.map((v) => hexToBytes(v.msgpack)), ...special.msgpack.map((v) => hexToBytes(v.input))]
    const tally: Tally = { decoded: 0, rejected: 0 }
    for (let i = 0; i < PER_CODEC; i++) check(msgpackCodec, msgpackInput(random, seeds), tally)
    expect(tally.rejected).toBeGreaterThan(PER_CODEC / 4)
    expect(tally.decoded).toBeGreaterThan(0)
  })

  it(`Protobuf: ${PER_CODEC} malformed inputs`, { timeout: 120_000 }, () => {
    const random = createRandom(3)
    const seeds = [...inbound.map((v) => hexToBytes(v.protobuf)), ...special.protobuf.map((v) => hexToBytes(v.input))]
    const tally: Tally = { decoded: 0, rejected: 0 }
    for (let i = 0; i < PER_CODEC; i++) check(protobufCodec, protobufInput(random, seeds), tally)
    expect(tally.rejected).toBeGreaterThan(PER_CODEC / 4)
    expect(tally.decoded).toBeGreaterThan(0)
  })

  it('survives very deep nesting in every format', () => {
    const depth = 200_000
    const tally: Tally = { decoded: 0, rejected: 0 }
    check(jsonCodec, `{"event":"e","data":${'['.repeat(depth)}${']'.repeat(depth)}}`, tally)
    check(jsonCodec, `{"event":"e","data":${'['.repeat(depth)}}`, tally)
    const nested = new Uint8Array(depth + 1).fill(0x91)
    nested[depth] = 0xc0
    // The MessagePack reader refuses nesting past MAX_DEPTH (1,000) with a CodecError, rather than
    // decode 200,000 levels no server frame has; the same value 1,000 deep still decodes.
    check(msgpackCodec, Uint8Array.from([0x93, 0xa1, 0x65, 0xc0, 0x92, 0xa6, ...new TextEncoder().encode('future'), ...nested]), tally)
    const allowed = new Uint8Array(MAX_DEPTH - 2).fill(0x91)
    check(msgpackCodec, Uint8Array.from([0x93, 0xa1, 0x65, 0xc0, 0x92, 0xa6, ...new TextEncoder().encode('future'), ...allowed, 0xc0]), tally)
    const groups = new Array<number>(10_000).fill(0).flatMap(() => varint(20 * 8 + 3))
    check(protobufCodec, Uint8Array.from([0x0a, 0x01, 0x65, ...groups]), tally)
    expect(tally.decoded + tally.rejected).toBe(5)
    expect(tally.decoded).toBe(2)
  })
})
