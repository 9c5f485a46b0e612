/**
 * Regenerates the codec vectors from `cases.ts`:  npx tsx test/vectors/codecs/build.ts
 *
 * JSON text is assembled in the server's field order (serials as bare integer literals),
 * MessagePack with the rmp_serde-like writer in `msgpack-writer.ts`, Protobuf with
 * protobufjs and `sockudo-wire.proto`. None of it uses the codecs under test.
 */
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import protobuf from 'protobufjs'
import { inboundCases, outboundCases } from './cases'
import type { WireData, WireEnvelope, WireExtras } from './cases'
import { writeMsgpack } from './msgpack-writer'
import type { MpValue } from './msgpack-writer'
import { specialVectors } from './special'

const here = (name: string) => fileURLToPath(new URL(name, import.meta.url))
const root = protobuf.loadSync(here('./sockudo-wire.proto'))
const ProtoPusherMessage = root.lookupType('ProtoPusherMessage')

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')
const u64 = (decimal: string): MpValue => {
  const big = BigInt(decimal)
  return big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big
}

/** The JSON text the server writes (messages.rs field order; absent keys omitted). */
export function jsonText(e: WireEnvelope): string {
  const parts: string[] = [`"event":${JSON.stringify(e.event)}`]
  const add = (key: string, raw: string | undefined) => {
    if (raw !== undefined) parts.push(`${JSON.stringify(key)}:${raw}`)
  }
  const str = (v: string | undefined) => (v === undefined ? undefined : JSON.stringify(v))
  add('channel', str(e.channel))
  add('data', e.data && jsonData(e.data))
  add('name', str(e.name))
  add('user_id', str(e.user_id))
  add('tags', e.tags && JSON.stringify(e.tags))
  add('sequence', e.sequence)
  add('conflation_key', str(e.conflation_key))
  add('message_id', str(e.message_id))
  add('stream_id', str(e.stream_id))
  add('serial', e.serial)
  add('idempotency_key', str(e.idempotency_key))
  add('extras', e.extras && jsonExtras(e.extras))
  add('__delta_seq', e.delta_sequence)
  add('__conflation_key', str(e.delta_conflation_key))
  return `{${parts.join(',')}}`
}

function jsonData(d: WireData): string {
  switch (d.kind) {
    case 'string': return JSON.stringify(d.value)
    case 'json': return d.value
    case 'binary': return JSON.stringify(d.value)
    case 'structured': {
      const parts: string[] = []
      if (d.channel_data !== undefined) parts.push(`"channel_data":${JSON.stringify(d.channel_data)}`)
      if (d.channel !== undefined) parts.push(`"channel":${JSON.stringify(d.channel)}`)
      if (d.user_data !== undefined) parts.push(`"user_data":${JSON.stringify(d.user_data)}`)
      for (const [k, v] of Object.entries(d.extra)) parts.push(`${JSON.stringify(k)}:${v}`)
      return `{${parts.join(',')}}`
    }
  }
}

function jsonExtras(x: WireExtras): string {
  const out: Record<string, unknown> = {}
  if (x.headers) out.headers = Object.fromEntries(Object.entries(x.headers).map(([k, h]) => [k, h.value]))
  if (x.ephemeral !== undefined) out.ephemeral = x.ephemeral
  if (x.idempotency_key !== undefined) out.idempotencyKey = x.idempotency_key
  if (x.echo !== undefined) out.echo = x.echo
  if (x.ai) out.ai = x.ai
  return JSON.stringify(out)
}

const strMap = (m: Record<string, string> | undefined): MpValue => (m ? new Map(Object.entries(m)) : null)

/** The positional 15-element MessagePack envelope (wire.rs `MsgpackPusherMessage`). */
export function msgpackEnvelope(e: WireEnvelope): MpValue[] {
  const o = <T>(v: T | undefined): T | null => (v === undefined ? null : v)
  return [
    e.event, o(e.channel), e.data ? msgpackData(e.data) : null, o(e.name), o(e.user_id), strMap(e.tags),
    e.sequence === undefined ? null : u64(e.sequence), o(e.conflation_key), o(e.message_id), o(e.stream_id),
    e.serial === undefined ? null : u64(e.serial), o(e.idempotency_key), e.extras ? msgpackExtras(e.extras) : null,
    e.delta_sequence === undefined ? null : u64(e.delta_sequence), o(e.delta_conflation_key),
  ]
}

function msgpackData(d: WireData): MpValue {
  switch (d.kind) {
    case 'string': return ['string', d.value]
    case 'json': return ['json', d.value]
    case 'binary': return ['binary', Uint8Array.from(d.value)]
    case 'structured':
      return ['structured', [d.channel_data ?? null, d.channel ?? null, d.user_data ?? null, strMap(d.extra)]]
  }
}

function msgpackExtras(x: WireExtras): MpValue {
  const headers = x.headers
    ? new Map<string, MpValue>(Object.entries(x.headers).map(([k, h]) => [k, [h.kind, h.kind === 'number' ? { $f64: h.value } : h.value]]))
    : null
  const ai = x.ai ? [strMap(x.ai.transport), strMap(x.ai.codec)] : null
  return [headers, x.ephemeral ?? null, x.idempotency_key ?? null, x.echo ?? null, ai]
}

/** The Protobuf message as a protobufjs plain object (server numbering). */
export function protobufObject(e: WireEnvelope): Record<string, unknown> {
  const o: Record<string, unknown> = { event: e.event }
  const copy = (key: keyof WireEnvelope, to: string) => {
    if (e[key] !== undefined) o[to] = e[key]
  }
  copy('channel', 'channel'); copy('name', 'name'); copy('user_id', 'userId'); copy('tags', 'tags')
  copy('sequence', 'sequence'); copy('conflation_key', 'conflationKey'); copy('message_id', 'messageId')
  copy('stream_id', 'streamId'); copy('serial', 'serial'); copy('idempotency_key', 'idempotencyKey')
  copy('delta_sequence', 'deltaSequence'); copy('delta_conflation_key', 'deltaConflationKey')
  if (e.data) o.data = protobufData(e.data)
  if (e.extras) o.extras = protobufExtras(e.extras)
  return o
}

function protobufData(d: WireData): Record<string, unknown> {
  switch (d.kind) {
    case 'string': return { stringValue: d.value }
    case 'json': return { jsonValue: d.value }
    case 'binary': return { binaryValue: Uint8Array.from(d.value) }
    case 'structured':
      return { structured: { channelData: d.channel_data, channel: d.channel, userData: d.user_data, extra: d.extra } }
  }
}

function protobufExtras(x: WireExtras): Record<string, unknown> {
  const kinds = { string: 'stringValue', number: 'numberValue', bool: 'boolValue' } as const
  return {
    headers: x.headers && Object.fromEntries(Object.entries(x.headers).map(([k, h]) => [k, { [kinds[h.kind]]: h.value }])),
    ephemeral: x.ephemeral,
    idempotencyKey: x.idempotency_key,
    echo: x.echo,
    ai: x.ai,
  }
}

export function protobufBytes(e: WireEnvelope): Uint8Array {
  return ProtoPusherMessage.encode(ProtoPusherMessage.fromObject(protobufObject(e))).finish()
}

function build(): void {
  const inbound = inboundCases.map((c) => {
    const json = jsonText(c.envelope)
    return {
      name: c.name,
      json,
      msgpack: hex(writeMsgpack(msgpackEnvelope(c.envelope))),
      protobuf: hex(protobufBytes(c.envelope)),
      expected: c.expected,
      expectedJson: { ...(c.expectedJson ?? c.expected), raw: json },
    }
  })
  const outbound = outboundCases.map((c) => ({
    name: c.name,
    frame: c.frame,
    json: c.json,
    msgpack: hex(writeMsgpack(msgpackEnvelope(c.envelope))),
    protobuf: hex(protobufBytes(c.envelope)),
  }))
  const write = (name: string, value: unknown) => writeFileSync(here(name), JSON.stringify(value, null, 2) + '\n')
  write('./inbound.json', inbound)
  write('./outbound.json', outbound)
  write('./special.json', specialVectors())
}

build()
