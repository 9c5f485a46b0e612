/**
 * Logical server → client frames, described in the server's own terms (core.md §9.2–9.4,
 * v2-features.md §1.4, §8), with the InboundFrame each must decode to, written by hand.
 * `build.ts` turns each into JSON text, MessagePack bytes (@msgpack/msgpack) and Protobuf
 * bytes (protobufjs + sockudo-wire.proto); it never uses the codecs under test.
 *
 * Values: `{ $hex: '…' }` stands for bytes, `{ $bigint: '…' }` for a 64-bit integer.
 */

/** Tagged `data` of the server's `MessageData` enum. */
export type WireData =
  | { kind: 'string'; value: string }
  | { kind: 'json'; value: string }
  | { kind: 'binary'; value: number[] }
  | { kind: 'structured'; channel_data?: string; channel?: string; user_data?: string; extra: Record<string, string> }

/** Header value of the server's extras (`["string", s]`, `["number", f64]`, `["bool", b]`). */
export type WireHeader = { kind: 'string'; value: string } | { kind: 'number'; value: number } | { kind: 'bool'; value: boolean }

export interface WireExtras {
  headers?: Record<string, WireHeader>
  ephemeral?: boolean
  idempotency_key?: string
  echo?: boolean
  ai?: { transport?: Record<string, string>; codec?: Record<string, string> }
}

/** One server envelope; serials and sequences are decimal strings (they may exceed 2^53). */
export interface WireEnvelope {
  event: string
  channel?: string
  data?: WireData
  name?: string
  user_id?: string
  tags?: Record<string, string>
  sequence?: string
  conflation_key?: string
  message_id?: string
  stream_id?: string
  serial?: string
  idempotency_key?: string
  extras?: WireExtras
  delta_sequence?: string
  delta_conflation_key?: string
}

export interface InboundCase {
  name: string
  envelope: WireEnvelope
  /** Expected InboundFrame from the binary codecs (and from JSON, minus `raw`, unless overridden). */
  expected: Record<string, unknown>
  /** Expected InboundFrame from the JSON codec when it differs (binary data). */
  expectedJson?: Record<string, unknown>
}

const UUID = '4c1f0b5e-3c1a-4d6e-9b7f-2a8e6c0d1f23'

export const inboundCases: InboundCase[] = [
  {
    name: 'V2 connection_established with a double-encoded data string',
    envelope: {
      event: 'sockudo:connection_established',
      data: { kind: 'string', value: '{"socket_id":"1234.5678","activity_timeout":120}' },
      message_id: UUID,
    },
    expected: {
      event: 'sockudo:connection_established',
      data: '{"socket_id":"1234.5678","activity_timeout":120}',
      messageId: UUID,
    },
  },
  {
    name: 'broadcast with tags, extras headers of every kind and serial 42 (core.md §10.1)',
    envelope: {
      event: 'order.updated',
      channel: 'orders',
      data: { kind: 'string', value: '{"id":"ord_1"}' },
      tags: { region: 'eu', tier: 'gold' },
      message_id: 'm-1',
      stream_id: 's-1',
      serial: '42',
      extras: {
        headers: {
          tenant: { kind: 'string', value: 'acme' },
          priority: { kind: 'number', value: 2 },
          ratio: { kind: 'number', value: 0.25 },
          urgent: { kind: 'bool', value: true },
        },
        echo: false,
      },
    },
    expected: {
      event: 'order.updated',
      channel: 'orders',
      data: '{"id":"ord_1"}',
      tags: { region: 'eu', tier: 'gold' },
      messageId: 'm-1',
      streamId: 's-1',
      serial: '42',
      extras: { headers: { tenant: 'acme', priority: 2, ratio: 0.25, urgent: true }, echo: false },
    },
  },
  {
    name: 'serial 9007199254740993 (2^53 + 1) stays exact',
    envelope: { event: 'tick', channel: 'ticker', data: { kind: 'string', value: '1' }, stream_id: 's', serial: '9007199254740993' },
    expected: { event: 'tick', channel: 'ticker', data: '1', streamId: 's', serial: '9007199254740993' },
  },
  {
    name: 'serial 18446744073709551615 (u64 max) with delta markers',
    envelope: {
      event: 'price-updated',
      channel: 'ticker:BTC',
      data: { kind: 'string', value: '{"symbol":"BTC","price":"67210.50"}' },
      message_id: 'msg-0001',
      stream_id: 's1',
      serial: '18446744073709551615',
      delta_sequence: '1',
      delta_conflation_key: 'BTC',
    },
    expected: {
      event: 'price-updated',
      channel: 'ticker:BTC',
      data: '{"symbol":"BTC","price":"67210.50"}',
      messageId: 'msg-0001',
      streamId: 's1',
      serial: '18446744073709551615',
      deltaSequence: 1,
      conflationKey: 'BTC',
    },
  },
  {
    name: 'error frame with object data',
    envelope: {
      event: 'sockudo:error',
      data: { kind: 'json', value: '{"code":4009,"message":"Connection is unauthorized"}' },
      message_id: UUID,
    },
    expected: { event: 'sockudo:error', data: { code: 4009, message: 'Connection is unauthorized' }, messageId: UUID },
  },
  {
    name: 'JSON data holding unsafe serials keeps them exact',
    envelope: {
      event: 'sockudo:channel_history',
      channel: 'orders',
      data: {
        kind: 'json',
        value: '{"items":[{"serial":18446744073709551615,"data":"x"},{"serial":7}],"next_serial":9007199254740993,"ratio":1.5e3}',
      },
    },
    expected: {
      event: 'sockudo:channel_history',
      channel: 'orders',
      data: {
        items: [{ serial: '18446744073709551615', data: 'x' }, { serial: 7 }],
        next_serial: '9007199254740993',
        ratio: 1500,
      },
    },
  },
  {
    name: 'binary application data',
    envelope: { event: 'blob', channel: 'files', data: { kind: 'binary', value: [0, 1, 2, 127, 128, 255] } },
    expected: { event: 'blob', channel: 'files', data: { $hex: '0001027f80ff' } },
    expectedJson: { event: 'blob', channel: 'files', data: [0, 1, 2, 127, 128, 255] },
  },
  {
    name: 'structured data becomes the object it stands for',
    envelope: {
      event: 'client-typing',
      channel: 'presence-room',
      data: {
        kind: 'structured',
        channel: 'presence-room',
        channel_data: '{"user_id":"u1"}',
        extra: { text: '"hi"', count: '5', nested: '{"a":[1,true,null]}' },
      },
    },
    expected: {
      event: 'client-typing',
      channel: 'presence-room',
      data: { channel: 'presence-room', channel_data: '{"user_id":"u1"}', text: 'hi', count: 5, nested: { a: [1, true, null] } },
    },
  },
  {
    name: 'versioned message with AI extras whose unknown keys are kept',
    envelope: {
      event: 'sockudo:message.update',
      channel: 'private-ai-chat',
      data: { kind: 'string', value: 'partial text' },
      name: 'reply',
      user_id: 'agent-1',
      message_id: 'm-9',
      stream_id: 's-9',
      serial: '10',
      extras: {
        headers: { sockudo_action: { kind: 'string', value: 'message.update' } },
        ephemeral: true,
        idempotency_key: 'idem-1',
        ai: {
          transport: { 'turn-id': 'turn-1', status: 'streaming' },
          codec: { 'provider-future-key': 'opaque', 'x-custom': 'opaque' },
        },
      },
    },
    expected: {
      event: 'sockudo:message.update',
      channel: 'private-ai-chat',
      data: 'partial text',
      name: 'reply',
      userId: 'agent-1',
      messageId: 'm-9',
      streamId: 's-9',
      serial: '10',
      extras: {
        headers: { sockudo_action: 'message.update' },
        ephemeral: true,
        idempotencyKey: 'idem-1',
        ai: {
          transport: { 'turn-id': 'turn-1', status: 'streaming' },
          codec: { 'provider-future-key': 'opaque', 'x-custom': 'opaque' },
        },
      },
    },
  },
  {
    name: 'pong without data',
    envelope: { event: 'sockudo:pong' },
    expected: { event: 'sockudo:pong' },
  },
  {
    name: 'delta frame with object data',
    envelope: {
      event: 'sockudo:delta',
      channel: 'ticker:BTC',
      data: { kind: 'json', value: '{"event":"price-updated","delta":"MmoKMVNAMCw0OjEuMjVq","seq":2,"algorithm":"fossil","conflation_key":"BTC","base_index":1}' },
    },
    expected: {
      event: 'sockudo:delta',
      channel: 'ticker:BTC',
      data: { event: 'price-updated', delta: 'MmoKMVNAMCw0OjEuMjVq', seq: 2, algorithm: 'fossil', conflation_key: 'BTC', base_index: 1 },
    },
  },
  {
    name: 'legacy delta markers and a stray idempotency key go to unknown',
    envelope: {
      event: 'legacy',
      channel: 'c',
      data: { kind: 'string', value: 'x' },
      sequence: '3',
      conflation_key: 'k',
      idempotency_key: 'idem-9',
    },
    expected: {
      event: 'legacy',
      channel: 'c',
      data: 'x',
      unknown: { sequence: 3, conflation_key: 'k', idempotency_key: 'idem-9' },
    },
  },
  {
    name: 'a future event name with unicode strings decodes like any other',
    envelope: {
      event: 'sockudo:future_thing',
      channel: 'présence-☃',
      data: { kind: 'string', value: 'ünïcödé 🚀 "quoted" \\ back' },
    },
    expected: { event: 'sockudo:future_thing', channel: 'présence-☃', data: 'ünïcödé 🚀 "quoted" \\ back' },
  },
]

/** Client → server frames with the bytes the server decodes (core.md §9.2–9.4). */
export interface OutboundCase {
  name: string
  frame: { event: string; channel?: string; data?: unknown }
  /** JSON text the JSON codec must produce. */
  json: string
  /** Envelope the binary codecs must produce. */
  envelope: WireEnvelope
}

export const outboundCases: OutboundCase[] = [
  {
    name: 'sockudo:ping with {} data (spec example bytes)',
    frame: { event: 'sockudo:ping', data: {} },
    json: '{"event":"sockudo:ping","data":{}}',
    envelope: { event: 'sockudo:ping', data: { kind: 'json', value: '{}' } },
  },
  {
    name: 'subscribe to a private channel',
    frame: { event: 'sockudo:subscribe', data: { channel: 'private-orders', auth: 'key:abc123' } },
    json: '{"event":"sockudo:subscribe","data":{"channel":"private-orders","auth":"key:abc123"}}',
    envelope: { event: 'sockudo:subscribe', data: { kind: 'json', value: '{"channel":"private-orders","auth":"key:abc123"}' } },
  },
  {
    name: 'client event with string data and a channel',
    frame: { event: 'client-typing', channel: 'private-room', data: 'ünï "q"' },
    json: '{"event":"client-typing","data":"ünï \\"q\\"","channel":"private-room"}',
    envelope: { event: 'client-typing', channel: 'private-room', data: { kind: 'string', value: 'ünï "q"' } },
  },
  {
    name: 'client event with binary data',
    frame: { event: 'client-blob', channel: 'private-files', data: { $hex: '00ff10' } },
    json: '{"event":"client-blob","data":[0,255,16],"channel":"private-files"}',
    envelope: { event: 'client-blob', channel: 'private-files', data: { kind: 'binary', value: [0, 255, 16] } },
  },
  {
    name: 'resume with a u64 serial written as a bare integer',
    frame: {
      event: 'sockudo:resume',
      data: { channel_positions: { orders: { stream_id: 's-1', serial: { $bigint: '18446744073709551615' } } } },
    },
    json: '{"event":"sockudo:resume","data":{"channel_positions":{"orders":{"stream_id":"s-1","serial":18446744073709551615}}}}',
    envelope: {
      event: 'sockudo:resume',
      data: { kind: 'json', value: '{"channel_positions":{"orders":{"stream_id":"s-1","serial":18446744073709551615}}}' },
    },
  },
  {
    name: 'unsubscribe without channel field',
    frame: { event: 'pusher:unsubscribe', data: { channel: 'orders' } },
    json: '{"event":"pusher:unsubscribe","data":{"channel":"orders"}}',
    envelope: { event: 'pusher:unsubscribe', data: { kind: 'json', value: '{"channel":"orders"}' } },
  },
  {
    name: 'frame without data',
    frame: { event: 'pusher:ping' },
    json: '{"event":"pusher:ping"}',
    envelope: { event: 'pusher:ping' },
  },
]
