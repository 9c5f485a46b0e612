import { describe, expect, it } from 'vitest'
import { decodeMsgpackFrame, encodeMsgpackFrame } from '../codecs/msgpack'
import { decodeProtobufFrame, encodeProtobufFrame } from '../codecs/protobuf'
import { encodeJsonFrame } from '../codecs/json'
import { parseJsonBig } from '../util'

const hex = (s: string) => Uint8Array.from(s.trim().split(/\s+/).map((b) => parseInt(b, 16)))

describe('test-server codecs against the core.md §9 examples', () => {
  it('encodes the 84-byte MessagePack broadcast example byte for byte', () => {
    const bytes = encodeMsgpackFrame({
      event: 'chat.message', channel: 'room-1', data: '{"text":"hi"}', message_id: 'm-1', stream_id: 's-1', serial: 42n,
      extras: { headers: { region: 'eu' } },
    })
    expect([...bytes]).toEqual([...hex(`9f ac 63 68 61 74 2e 6d 65 73 73 61 67 65 a6 72 6f 6f 6d 2d 31 92 a6 73 74 72
      69 6e 67 ad 7b 22 74 65 78 74 22 3a 22 68 69 22 7d c0 c0 c0 c0 c0 a3 6d 2d 31
      a3 73 2d 31 2a c0 95 81 a6 72 65 67 69 6f 6e 92 a6 73 74 72 69 6e 67 a2 65 75
      c0 c0 c0 c0 c0 c0`)])
  })

  it('decodes the 36-byte MessagePack sockudo:ping example', () => {
    const frame = decodeMsgpackFrame(hex(`9f ac 73 6f 63 6b 75 64 6f 3a 70 69 6e 67 c0 92 a4 6a 73 6f 6e a2 7b 7d
      c0 c0 c0 c0 c0 c0 c0 c0 c0 c0 c0 c0`))
    expect(frame).toEqual({ event: 'sockudo:ping', channel: undefined, data: {}, dataIsString: false })
  })

  it('encodes the 51-byte Protobuf example and decodes the ping example', () => {
    const bytes = encodeProtobufFrame({ event: 'chat.message', channel: 'room-1', data: '{"text":"hi"}', message_id: 'm-1', stream_id: 's-1', serial: 42n })
    expect([...bytes]).toEqual([...hex(`0a 0c 63 68 61 74 2e 6d 65 73 73 61 67 65 12 06 72 6f 6f 6d 2d 31
      1a 0f 0a 0d 7b 22 74 65 78 74 22 3a 22 68 69 22 7d 4a 03 6d 2d 31 52 03 73 2d 31 58 2a`)])
    expect(decodeProtobufFrame(hex('0a 0c 73 6f 63 6b 75 64 6f 3a 70 69 6e 67 1a 04 1a 02 7b 7d'))).toMatchObject({ event: 'sockudo:ping', data: {} })
  })

  it('writes and reads u64 serials beyond 2^53 exactly on JSON', () => {
    const text = encodeJsonFrame({ event: 'e', channel: 'c', data: '{}', serial: 9007199254740993n })
    expect(text).toBe('{"event":"e","channel":"c","data":"{}","serial":9007199254740993}')
    expect(parseJsonBig('{"channel_positions":{"c":{"serial":9007199254740993}}}')).toEqual({ channel_positions: { c: { serial: 9007199254740993n } } })
  })
})
