/**
 * Hand-made vectors: the spec's own example bytes, forward-compatibility shapes (unknown
 * trailing elements, unknown fields of every wire type, future data kinds) and inputs every
 * codec must reject with a given CodecError code.
 */
import protobuf from 'protobufjs'
import { fileURLToPath } from 'node:url'
import { writeMsgpack } from './msgpack-writer'
import type { MpValue } from './msgpack-writer'

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')
const mp = (value: MpValue) => hex(writeMsgpack(value))
const nil12 = (): null[] => new Array<null>(12).fill(null)
const root = protobuf.loadSync(fileURLToPath(new URL('./sockudo-wire.proto', import.meta.url)))
const pb = (type: string, value: Record<string, unknown>) => {
  const T = root.lookupType(type)
  return hex(T.encode(T.fromObject(value)).finish())
}

export interface DecodeVector {
  name: string
  /** Input: text for JSON, hex for binary codecs. */
  input: string
  expected: Record<string, unknown>
}

export interface InvalidVector {
  name: string
  codec: 'json' | 'msgpack' | 'protobuf'
  /** Text for JSON, hex for the binary codecs. */
  input: string
  code: string
}

function msgpackVectors(): DecodeVector[] {
  return [
    {
      name: 'core.md §9.3 broadcast example (84 bytes, extras as positional array)',
      input:
        '9fac636861742e6d657373616765a6726f6f6d2d3192a6737472696e67ad7b2274657874223a226869227dc0c0c0c0c0a36d2d31' +
        'a3732d312ac09581a6726567696f6e92a6737472696e67a26575c0c0c0c0c0c0',
      expected: {
        event: 'chat.message', channel: 'room-1', data: '{"text":"hi"}', messageId: 'm-1', streamId: 's-1',
        serial: '42', extras: { headers: { region: 'eu' } },
      },
    },
    {
      name: 'unknown trailing envelope elements are ignored',
      input: mp(['e', 'c', ['string', 'x'], ...nil12(), 7, new Map<string, MpValue>([['future', true]])]),
      expected: { event: 'e', channel: 'c', data: 'x' },
    },
    {
      name: 'a short envelope from an older server decodes',
      input: mp(['e', 'c', ['json', '[1,2]']]),
      expected: { event: 'e', channel: 'c', data: [1, 2] },
    },
    {
      name: 'map-form envelope with JS-client-style extras map and an extension key',
      input: mp(new Map<string, MpValue>([
        ['event', 'e'], ['channel', 'c'], ['data', new Map<string, MpValue>([['kind', 'string'], ['value', 'v']])],
        ['serial', 12n], ['extras', new Map<string, MpValue>([
          ['headers', new Map<string, MpValue>([['a', ['number', { $f64: 1.5 }]], ['b', 'plain']])],
          ['idempotency_key', 'k1'], ['futureExtrasField', new Map<string, MpValue>([['x', 1]])],
        ])],
      ])),
      expected: {
        event: 'e', channel: 'c', data: 'v', serial: '12',
        extras: { headers: { a: 1.5, b: 'plain' }, idempotencyKey: 'k1', futureExtrasField: { x: 1 } },
      },
    },
    {
      name: 'uint64-encoded small serial and int64 header number above 2^53 (v2-features §8.4)',
      input: hex(Uint8Array.from([
        0x9f, 0xa1, 0x65, 0xc0, 0xc0, 0xc0, 0xc0, 0xc0, 0xc0, 0xc0, 0xc0, 0xc0,
        0xcf, 0, 0, 0, 0, 0, 0, 0, 42, // serial 42 as uint 64
        0xc0,
        0x95, 0x81, 0xa1, 0x68, 0x92, 0xa6, ...Buffer.from('number'), 0xd3, 0, 0x20, 0, 0, 0, 0, 0, 2, // 9007199254740994 as int 64
        0xc0, 0xc0, 0xc0, 0xc0,
        0xc0, 0xc0,
      ])),
      expected: { event: 'e', serial: '42', extras: { headers: { h: '9007199254740994' } } },
    },
    {
      name: 'serial 4294967295 as uint 32',
      input: mp(['e', null, null, null, null, null, null, null, null, 's', 4294967295, null, null, null, null]),
      expected: { event: 'e', streamId: 's', serial: '4294967295' },
    },
    {
      name: 'a future data kind hands its value over',
      input: mp(['e', null, ['future-kind', new Map<string, MpValue>([['a', 1], ['big', 18446744073709551615n]])], ...nil12()]),
      expected: { event: 'e', data: { a: 1, big: '18446744073709551615' } },
    },
    {
      name: 'invalid JSON text in a json data variant stays a string',
      input: mp(['e', null, ['json', '{not json'], ...nil12()]),
      expected: { event: 'e', data: '{not json' },
    },
  ]
}

function protobufVectors(): DecodeVector[] {
  return [
    {
      name: 'core.md §9.4 server → client example (51 bytes)',
      input: '0a0c636861742e6d6573736167651206726f6f6d2d311a0f0a0d7b2274657874223a226869227d4a036d2d315203732d31582a',
      expected: { event: 'chat.message', channel: 'room-1', data: '{"text":"hi"}', messageId: 'm-1', streamId: 's-1', serial: '42' },
    },
    {
      name: 'unknown fields of every wire type are skipped (future server)',
      input: pb('FutureProtoPusherMessage', {
        event: 'e', channel: 'c', data: { stringValue: 'x' }, serial: '18446744073709551615',
        futureCounter: '18446744073709551615', futureLabel: 'label', futureFixed64: '123', futureFixed32: 7,
        futureMessage: { transport: { a: 'b' } },
      }),
      expected: { event: 'e', channel: 'c', data: 'x', serial: '18446744073709551615' },
    },
    {
      name: 'an unknown group field (wire types 3/4, nested) is skipped',
      // event "e", then field 20 start-group { field 21 varint 1, field 22 group { field 1 "x" } }, then channel "c"
      input: '0a0165' + 'a301' + 'a80101' + 'b301' + '0a0178' + 'b401' + 'a401' + '120163',
      expected: { event: 'e', channel: 'c' },
    },
    {
      name: 'a data message with no member set decodes to null',
      input: '0a01651a00',
      expected: { event: 'e', data: null },
    },
    {
      name: 'a header value with no member set decodes to the empty string',
      input: pb('ProtoPusherMessage', { event: 'e', extras: { headers: { h: {} } } }),
      expected: { event: 'e', extras: { headers: { h: '' } } },
    },
    {
      name: 'a repeated scalar field: the last value wins',
      input: '0a0165' + '120161' + '120162',
      expected: { event: 'e', channel: 'b' },
    },
    {
      name: 'an empty extras message counts as absent',
      input: '0a01656a00',
      expected: { event: 'e' },
    },
  ]
}

function jsonVectors(): DecodeVector[] {
  const vectors: DecodeVector[] = [
    {
      name: 'unknown keys (including null and nested values) are kept in unknown',
      input: '{"event":"e","future_flag":true,"future_obj":{"n":18446744073709551615},"future_null":null}',
      expected: { event: 'e', unknown: { future_flag: true, future_obj: { n: '18446744073709551615' }, future_null: null } },
    },
    {
      name: 'null on a known key means absent; null data is kept',
      input: '{"event":"e","channel":null,"serial":null,"data":null}',
      expected: { event: 'e', data: null },
    },
    {
      name: 'a serial sent as a decimal string is accepted',
      input: '{"event":"e","serial":"9007199254740993"}',
      expected: { event: 'e', serial: '9007199254740993' },
    },
    {
      name: 'runtime headers above 2^53 stay exact inside extras',
      input: '{"event":"e","extras":{"headers":{"sockudo_history_serial":18446744073709551615,"n":-9007199254740993},"ref":{"v":1}}}',
      expected: { event: 'e', extras: { headers: { sockudo_history_serial: '18446744073709551615', n: '-9007199254740993' }, ref: { v: 1 } } },
    },
    {
      name: 'a serial inside a double-encoded data string is left untouched',
      input: '{"event":"e","data":"{\\"serial\\":9007199254740993}","serial":9007199254740993}',
      expected: { event: 'e', data: '{"serial":9007199254740993}', serial: '9007199254740993' },
    },
    {
      name: 'whitespace around tokens is fine',
      input: ' \n{ "event" : "e" ,\t"serial" : 18446744073709551615 }\r\n',
      expected: { event: 'e', serial: '18446744073709551615' },
    },
  ]
  return vectors.map((v) => ({ ...v, expected: { ...v.expected, raw: v.input } }))
}

function invalidVectors(): InvalidVector[] {
  const json = (name: string, input: string, code: string): InvalidVector => ({ name, codec: 'json', input, code })
  const msg = (name: string, input: string, code: string): InvalidVector => ({ name, codec: 'msgpack', input, code })
  const pbv = (name: string, input: string, code: string): InvalidVector => ({ name, codec: 'protobuf', input, code })
  return [
    json('not JSON', 'hello', 'codec/invalid-json'),
    json('truncated JSON', '{"event":"e"', 'codec/invalid-json'),
    json('a JSON array', '["e"]', 'codec/invalid-frame'),
    json('a JSON string', '"e"', 'codec/invalid-frame'),
    json('no event', '{"data":"x"}', 'codec/invalid-frame'),
    json('numeric event', '{"event":1}', 'codec/invalid-frame'),
    json('numeric channel', '{"event":"e","channel":5}', 'codec/invalid-frame'),
    json('negative serial', '{"event":"e","serial":-1}', 'codec/invalid-frame'),
    json('fractional serial', '{"event":"e","serial":1.5}', 'codec/invalid-frame'),
    json('non-decimal string serial', '{"event":"e","serial":"0x10"}', 'codec/invalid-frame'),
    json('serial above u64', '{"event":"e","serial":18446744073709551616}', 'codec/invalid-frame'),
    json('tags with a number value', '{"event":"e","tags":{"a":1}}', 'codec/invalid-frame'),
    json('extras as an array', '{"event":"e","extras":[]}', 'codec/invalid-frame'),
    json('extras.headers as a string', '{"event":"e","extras":{"headers":"x"}}', 'codec/invalid-frame'),
    json('string __delta_seq', '{"event":"e","__delta_seq":"1"}', 'codec/invalid-frame'),
    json('leading-zero big integer stays invalid JSON', '{"event":"e","serial":012345678901234567}', 'codec/invalid-json'),
    msg('empty input', '', 'codec/invalid-msgpack'),
    msg('truncated envelope', mp(['e', 'c', ['string', 'x'], ...nil12()]).slice(0, 20), 'codec/invalid-msgpack'),
    msg('trailing bytes after the envelope', mp(['e']) + 'c0', 'codec/invalid-msgpack'),
    msg('reserved byte 0xc1', 'c1', 'codec/invalid-msgpack'),
    msg('top-level integer', mp(5), 'codec/invalid-frame'),
    msg('nil event', mp([null, 'c']), 'codec/invalid-frame'),
    msg('negative serial', mp(['e', null, null, null, null, null, null, null, null, null, -1]), 'codec/invalid-frame'),
    msg('binary kind holding a string', mp(['e', null, ['binary', 'abc']]), 'codec/invalid-frame'),
    msg('tags with a non-string value', mp(['e', null, null, null, null, new Map<string, MpValue>([['a', 1]])]), 'codec/invalid-frame'),
    msg('extras as a string', mp(['e', ...new Array<null>(11).fill(null), 'x']), 'codec/invalid-frame'),
    pbv('truncated string', '0a0c636861', 'codec/invalid-protobuf'),
    pbv('event with varint wire type', '0801', 'codec/invalid-protobuf'),
    pbv('invalid UTF-8 in event', '0a02c328', 'codec/invalid-protobuf'),
    pbv('Flutter numbering: serial as field 10 (a varint where the server has stream_id)', '0a0165502a', 'codec/invalid-protobuf'),
    pbv('no event field', '120163', 'codec/invalid-frame'),
    pbv('varint longer than 10 bytes', '0a0165' + '58' + 'ffffffffffffffffffff01', 'codec/invalid-protobuf'),
    pbv('varint overflowing 64 bits', '0a0165' + '58' + 'ffffffffffffffffff02', 'codec/invalid-protobuf'),
    pbv('field number 0', '0001', 'codec/invalid-protobuf'),
    pbv('unknown field with wire type 7', '0a0165' + '8701', 'codec/invalid-protobuf'),
    pbv('field overrunning its sub-message', '0a01651a020a0178', 'codec/invalid-protobuf'),
    pbv('unmatched end group', '0a0165a401', 'codec/invalid-protobuf'),
  ]
}

export function specialVectors() {
  return { msgpack: msgpackVectors(), protobuf: protobufVectors(), json: jsonVectors(), invalid: invalidVectors() }
}
