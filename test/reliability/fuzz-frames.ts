/**
 * Malformed server frames for the client fuzz test, per wire format (seeded, bounded).
 * Half are undecodable bytes (truncated, bit-flipped, spliced, random, invalid UTF-8,
 * huge lengths, deep nesting); half decode as an envelope but carry wrong types at every
 * position (event, channel, data, serial, ids, extras), huge numbers and junk payloads for
 * every system event the client handles.
 */
import { encode as msgpackEncode } from '@msgpack/msgpack'
import type { WireFormat } from '../../src/core/codecs/types'
import { encodeFrame } from '../stand-in/codecs'
import type { ServerFrame } from '../stand-in/frame'
import type { Prng } from './prng'

/** Channels the fuzzed client is subscribed to (frames target them on purpose). */
export const FUZZ_CHANNELS = ['fuzz', 'presence-fuzz'] as const

const SYSTEM = [
  'connection_established', 'error', 'ping', 'pong', 'signin_success', 'resume_success', 'resume_failed',
  'token_expired', 'delta', 'cache_miss', 'subscription_count', 'rewind_complete', 'channel_history',
]
const INTERNAL = ['subscription_succeeded', 'subscription_error', 'member_added', 'member_removed', 'member_updated', 'unsubscribed']

function eventName(rng: Prng): unknown {
  switch (rng.int(6)) {
    case 0:
      return `${rng.pick(['pusher:', 'sockudo:'])}${rng.pick(SYSTEM)}`
    case 1:
      return `${rng.pick(['pusher_internal:', 'sockudo_internal:'])}${rng.pick(INTERNAL)}`
    case 2:
      return rng.pick(['tick', 'client-x', 'message.append', 'sockudo:message.update', 'pusher:delta', '', '#'])
    default:
      return junk(rng, 2)
  }
}

/** Deepest nesting generated (the msgpack encoder refuses more than 100 levels). */
let maxNest = 2000

/** A value of a random type, sometimes huge or nested. */
export function junk(rng: Prng, depth: number): unknown {
  if (depth >= 3 && rng.next() < 0.02) return rng.next() < 0.8 ? nested(rng.int(maxNest)) : 'z'.repeat(70_000)
  switch (rng.int(depth > 0 ? 11 : 9)) {
    case 0:
      return null
    case 1:
      return rng.next() < 0.5
    case 2:
      return rng.pick([0, -1, 1.5, 2 ** 53 + 1, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 18446744073709551615])
    case 3:
      return rng.pick(['', 'x', '{', '{"presence":', '[]', 'null', '\ud800', '1e99999', '"unterminated', '{"a":1}'])
    case 4:
      return 'z'.repeat(rng.int(100))
    case 5:
      return '{"presence":{"ids":5,"hash":[],"count":"x"}}'
    case 6:
      return JSON.stringify({ user_id: junk(rng, 0), user_info: junk(rng, 0), code: junk(rng, 0), message: junk(rng, 0) })
    case 7:
      return JSON.stringify({ recovered: [{ channel: 'fuzz', position: { serial: junk(rng, 0) } }, 7], failed: 'no' })
    case 8:
      return '99999999999999999999999999999999'
    case 9:
      return Array.from({ length: rng.int(4) }, () => junk(rng, depth - 1))
    default:
      return Object.fromEntries(Array.from({ length: rng.int(4) }, (_, i) => [rng.pick(['presence', 'ids', 'hash', 'data', 'serial', `k${i}`]), junk(rng, depth - 1)]))
  }
}

function nested(depth: number): unknown {
  let value: unknown = 1
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value }
  return value
}

/** An envelope object with junk in random positions (decodable as JSON/msgpack). */
function junkEnvelope(rng: Prng): Record<string, unknown> {
  const env: Record<string, unknown> = { event: eventName(rng) }
  const maybe = (key: string, value: () => unknown) => {
    if (rng.next() < 0.6) env[key] = value()
  }
  maybe('channel', () => (rng.next() < 0.7 ? rng.pick([...FUZZ_CHANNELS, 'unknown', '#server-to-user-u1']) : junk(rng, 1)))
  maybe('data', () => junk(rng, 3))
  maybe('serial', () => junk(rng, 0))
  maybe('message_id', () => (rng.next() < 0.5 ? `m${rng.int(50)}` : junk(rng, 0)))
  maybe('stream_id', () => junk(rng, 0))
  maybe('user_id', () => junk(rng, 0))
  maybe('extras', () => junk(rng, 2))
  maybe('tags', () => junk(rng, 1))
  maybe('__delta_seq', () => junk(rng, 0))
  maybe('__conflation_key', () => junk(rng, 0))
  return env
}

/** A well-typed frame (for the binary encoders) whose strings and numbers are junk. */
function junkTypedFrame(rng: Prng): ServerFrame {
  const name = eventName(rng)
  const frame: ServerFrame = { event: typeof name === 'string' ? name : 'tick', channel: rng.pick([...FUZZ_CHANNELS, 'other']) }
  const data = junk(rng, 2)
  frame.data = data
  if (rng.next() < 0.5) frame.serial = BigInt(rng.pick([0, 1, 2 ** 53 + 1])) * BigInt(rng.int(1_000_000))
  if (rng.next() < 0.5) frame.message_id = `m${rng.int(50)}`
  if (rng.next() < 0.3) frame.__delta_seq = rng.int(2 ** 31)
  return frame
}

function mutate(rng: Prng, bytes: Uint8Array): Uint8Array {
  const out = bytes.slice()
  switch (rng.int(5)) {
    case 0:
      return out.subarray(0, rng.int(out.length))
    case 1:
      for (let i = 0, n = 1 + rng.int(4); i < n && out.length; i++) {
        const at = rng.int(out.length)
        out[at] = (out[at] ?? 0) ^ (1 << rng.int(8))
      }
      return out
    case 2: {
      const at = rng.int(out.length + 1)
      return Uint8Array.from([...out.subarray(0, at), ...randomBytes(rng, 1 + rng.int(16)), ...out.subarray(at)])
    }
    case 3:
      return randomBytes(rng, rng.int(64))
    default:
      return Uint8Array.from([...out, ...randomBytes(rng, 1 + rng.int(8))])
  }
}

const randomBytes = (rng: Prng, n: number) => Uint8Array.from({ length: n }, () => rng.int(256))

/** Hand-made hostile binary inputs per format. */
function hostile(format: WireFormat, rng: Prng): Uint8Array {
  if (format === 'msgpack') {
    return Uint8Array.from(rng.pick([
      [0x81, 0xa5, 0x65, 0x76, 0x65, 0x6e, 0x74, 0xa2, 0xff, 0xfe], // {event: <invalid UTF-8>}
      [0xdf, 0xff, 0xff, 0xff, 0xff], // map32 with 4 G entries
      [0xdb, 0xff, 0xff, 0xff, 0xff, 0x61], // str32 with a 4 GB length
      [0xc1], // never-used type byte
      [...Array<number>(5000).fill(0x91), 0xc0], // 5000 nested arrays
      [0x81, 0xa5, 0x65, 0x76, 0x65, 0x6e, 0x74, 0xcf, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], // event: u64 max
    ]))
  }
  if (format === 'protobuf') {
    return Uint8Array.from(rng.pick([
      [0x0a, 0x02, 0xff, 0xfe], // event: invalid UTF-8
      [0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f], // event with a 4 GB length
      [0x58, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01], // serial: 11-byte varint
      [0x0f], // wire type 7
      [0x1a, 0x05, 0x1a, 0x03, 0x1a, 0x01, 0x00], // data: nested garbage
    ]))
  }
  return new TextEncoder().encode(rng.pick(['{"event":"\ud800"}', `${'['.repeat(20_000)}`, '{"event":"x","data":1e999999}']))
}

/** One malformed frame for `format` (text frames are JSON on every format). */
export function fuzzFrame(format: WireFormat, rng: Prng): string | Uint8Array {
  maxNest = format === 'json' ? 2000 : 60
  const kind = rng.int(10)
  if (kind < 4) {
    const text = JSON.stringify(junkEnvelope(rng))
    if (format === 'json' || kind < 2) return kind % 2 === 0 ? text : textMutation(rng, text)
  }
  if (format === 'json') {
    if (kind < 8) return JSON.stringify(junkEnvelope(rng))
    if (kind === 8) return textMutation(rng, JSON.stringify(junkEnvelope(rng)))
    return hostile(format, rng)
  }
  if (kind < 6) return format === 'msgpack' ? msgpackEncode(junkEnvelope(rng)) : (encodeFrame(format, junkTypedFrame(rng)) as Uint8Array)
  if (kind < 9) return mutate(rng, encodeFrame(format, junkTypedFrame(rng)) as Uint8Array)
  return hostile(format, rng)
}

function textMutation(rng: Prng, text: string): string {
  switch (rng.int(5)) {
    case 0:
      return text.slice(0, rng.int(text.length))
    case 1:
      return `${'['.repeat(1 + rng.int(5000))}1`
    case 2:
      return text.replace(/\d+/, '123456789012345678901234567890e400')
    case 3:
      return `{"event":"tick","channel":"fuzz","data":"${'\\ud800'.repeat(1 + rng.int(4))}"}`
    default:
      return String.fromCharCode(...Array.from({ length: rng.int(40) }, () => rng.int(0x800)))
  }
}
