import { randomUUID } from 'node:crypto'
import { decode } from '@msgpack/msgpack'
import protobuf from 'protobufjs'
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { channelAuth } from '../../support/auth'
import { control } from '../../support/control'
import { skipUnless } from '../../support/real-server'
import { openRaw, serverSdk, waitFor, wsUrl } from '../../support/live'

const unique = (prefix: string) => `${prefix}${randomUUID().slice(0, 8)}`

const PROTO = `syntax = "proto3";
message ProtoPusherMessage {
  optional string event = 1; optional string channel = 2; ProtoMessageData data = 3; optional string name = 4;
  optional string user_id = 5; map<string, string> tags = 6; optional uint64 sequence = 7; optional string conflation_key = 8;
  optional string message_id = 9; optional string stream_id = 10; optional uint64 serial = 11; optional string idempotency_key = 12;
  ProtoMessageExtras extras = 13; optional uint64 delta_sequence = 14; optional string delta_conflation_key = 15;
}
message ProtoMessageData { oneof kind { string string_value = 1; ProtoStructuredData structured = 2; string json_value = 3; bytes binary_value = 4; } }
message ProtoStructuredData { optional string channel_data = 1; optional string channel = 2; optional string user_data = 3; map<string, string> extra = 4; }
message ProtoMessageExtras { map<string, ProtoExtrasValue> headers = 1; optional bool ephemeral = 2; optional string idempotency_key = 3; optional bool echo = 4; }
message ProtoExtrasValue { oneof kind { string string_value = 1; double number_value = 2; bool bool_value = 3; } }`
const Envelope = protobuf.parse(PROTO).root.lookupType('ProtoPusherMessage')

interface Received {
  ws: WebSocket
  frames: { binary: boolean; raw: Buffer }[]
}

async function open(query: string): Promise<Received> {
  const ws = new WebSocket(wsUrl(query))
  const frames: Received['frames'] = []
  ws.on('message', (raw: Buffer, binary) => frames.push({ binary, raw }))
  await new Promise((r) => ws.once('open', r))
  await waitFor(() => frames.length > 0)
  return { ws, frames }
}

const msgpackFrame = (raw: Buffer) => decode(raw, { useBigInt64: true }) as unknown[]

describe('MessagePack wire format', () => {
  it('sends positional 15-element envelopes, tagged data and u64 serials beyond 2^53', async ({ skip }) => {
    skipUnless({ skip }, ['controlRoutes'])
    const channel = unique('mp-')
    await control('seed-serial', { channel, serial: '9007199254740993' })
    const c = await open('protocol=2&format=msgpack')
    const hello = msgpackFrame(c.frames[0]!.raw)
    expect(c.frames[0]!.binary).toBe(true)
    expect(hello).toHaveLength(15)
    expect(hello[0]).toBe('sockudo:connection_established')
    expect((hello[2] as unknown[])[0]).toBe('string')
    const { encode } = await import('@msgpack/msgpack')
    c.ws.send(encode(['sockudo:subscribe', null, ['json', JSON.stringify({ channel })], ...Array(12).fill(null)]))
    await waitFor(() => c.frames.some((f) => f.binary && msgpackFrame(f.raw)[0] === 'sockudo_internal:subscription_succeeded'))
    await serverSdk().trigger(channel, 'big', { ok: true }, { tags: undefined } as never)
    const event = await waitFor(() => c.frames.map((f) => (f.binary ? msgpackFrame(f.raw) : [])).find((f) => f[0] === 'big'))
    expect(event[1]).toBe(channel)
    expect(event[2]).toEqual(['string', '{"ok":true}'])
    expect(event[10]).toBe(9007199254740993n)
    const extras = event[12] as unknown[]
    expect(extras).toHaveLength(5)
    expect((extras[0] as Record<string, unknown>).sockudo_action).toEqual(['string', 'message.create'])
    c.ws.close()
  })

  it('delivers client events as JSON text frames even on a MessagePack socket', async (ctx) => {
    skipUnless(ctx, ['clientMessages'])
    const channel = unique('private-')
    const sender = await openRaw('protocol=7')
    const c = await open('protocol=2&format=msgpack')
    const socketId = JSON.parse((msgpackFrame(c.frames[0]!.raw)[2] as [string, string])[1]).socket_id as string
    const { encode } = await import('@msgpack/msgpack')
    c.ws.send(encode(['sockudo:subscribe', null, ['json', JSON.stringify({ channel, auth: channelAuth(socketId, channel) })], ...Array(12).fill(null)]))
    sender.send({ event: 'pusher:subscribe', data: { channel, auth: channelAuth(sender.socketId, channel) } })
    await sender.next((f) => f.event === 'pusher_internal:subscription_succeeded')
    await waitFor(() => c.frames.some((f) => f.binary && msgpackFrame(f.raw)[0] === 'sockudo_internal:subscription_succeeded'))
    sender.send({ event: 'client-hi', channel, data: { a: 1 } })
    const text = await waitFor(() => c.frames.find((f) => !f.binary))
    expect(JSON.parse(String(text.raw))).toMatchObject({ event: 'client-hi', channel, data: { a: 1 } })
    c.ws.close()
    await sender.close()
  })
})

describe('Protobuf wire format', () => {
  it('encodes with the server field numbers, readable by an independent protobufjs schema', async ({ skip }) => {
    skipUnless({ skip }, ['controlRoutes'])
    const channel = unique('pb-')
    await control('seed-serial', { channel, serial: '9007199254740993' })
    const c = await open('protocol=2&format=protobuf')
    const hello = Envelope.toObject(Envelope.decode(c.frames[0]!.raw), { longs: String }) as Record<string, unknown>
    expect(hello.event).toBe('sockudo:connection_established')
    expect(typeof hello.messageId).toBe('string')
    const sub = Envelope.encode(Envelope.create({ event: 'sockudo:subscribe', data: { jsonValue: JSON.stringify({ channel }) } })).finish()
    c.ws.send(sub)
    await waitFor(() => c.frames.some((f) => (Envelope.decode(f.raw) as unknown as { event: string }).event === 'sockudo_internal:subscription_succeeded'))
    await serverSdk().trigger(channel, 'big', 'plain text')
    const event = await waitFor(() => c.frames.map((f) => Envelope.toObject(Envelope.decode(f.raw), { longs: String }) as Record<string, unknown>).find((f) => f.event === 'big'))
    expect(event).toMatchObject({ channel, data: { stringValue: 'plain text' }, serial: '9007199254740993' })
    expect((event.extras as { headers: Record<string, unknown> }).headers.sockudo_history_serial).toEqual({ numberValue: 9007199254740993 })
    c.ws.close()
  })
})

describe('JSON serials beyond 2^53', () => {
  it('writes the serial as a bare integer literal', async ({ skip }) => {
    skipUnless({ skip }, ['controlRoutes'])
    const channel = unique('js-')
    await control('seed-serial', { channel, serial: '9007199254740993' })
    const ws = new WebSocket(wsUrl('protocol=2'))
    const texts: string[] = []
    ws.on('message', (d) => texts.push(String(d)))
    await new Promise((r) => ws.once('open', r))
    ws.send(JSON.stringify({ event: 'sockudo:subscribe', data: { channel } }))
    await waitFor(() => texts.some((t) => t.includes('subscription_succeeded')))
    await serverSdk().trigger(channel, 'big', {})
    const text = await waitFor(() => texts.find((t) => t.includes('"event":"big"')))
    expect(text).toContain('"serial":9007199254740993,')
    ws.close()
  })
})
