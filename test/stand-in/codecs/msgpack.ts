/** MessagePack wire codec: the server's positional 15-element envelope (core.md §9.3). */
import { decode, encode } from '@msgpack/msgpack'
import type { ClientFrame, FrameExtras, ServerFrame } from '../frame'
import { isRecord, stringifyJson } from '../util'
import { DecodeError, sortKeys } from './json'

type Tagged = [string, unknown]

/** `[kind, value]` for a data value: string, binary, or JSON text. */
export function tagData(data: unknown): Tagged | null {
  if (data === undefined) return null
  if (typeof data === 'string') return ['string', data]
  if (data instanceof Uint8Array) return ['binary', data]
  return ['json', stringifyJson(data)]
}

function tagHeader(value: string | number | boolean): Tagged {
  if (typeof value === 'number') return ['number', value]
  if (typeof value === 'boolean') return ['bool', value]
  return ['string', value]
}

function encodeExtras(extras: FrameExtras | undefined): unknown[] | null {
  if (!extras) return null
  const headers = extras.headers ? Object.fromEntries(Object.entries(extras.headers).map(([k, v]) => [k, tagHeader(v)])) : null
  return [headers, extras.ephemeral ?? null, extras.idempotencyKey ?? null, extras.echo ?? null, null]
}

/** A u64 as the smallest msgpack integer: number when safe, bigint (uint64) otherwise. */
function u64(value: bigint | undefined): number | bigint | null {
  if (value === undefined) return null
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value
}

export function encodeMsgpackFrame(frame: ServerFrame): Uint8Array {
  const envelope = [
    frame.event, frame.channel ?? null, tagData(frame.data), frame.name ?? null, frame.user_id ?? null,
    frame.tags ? sortKeys(frame.tags) : null, null, null, frame.message_id ?? null, frame.stream_id ?? null,
    u64(frame.serial), null, encodeExtras(frame.extras), frame.__delta_seq ?? null, frame.__conflation_key ?? null,
  ]
  return encode(envelope, { useBigInt64: true })
}

function untag(value: unknown): { data: unknown; isString: boolean } {
  let kind: unknown
  let inner: unknown
  if (Array.isArray(value) && value.length === 2) [kind, inner] = value
  else if (isRecord(value) && 'kind' in value) ({ kind, value: inner } = value)
  else return { data: value, isString: typeof value === 'string' }
  if (kind === 'json' && typeof inner === 'string') {
    try {
      return { data: JSON.parse(inner), isString: false }
    } catch {
      return { data: inner, isString: true }
    }
  }
  return { data: inner, isString: kind === 'string' }
}

export function decodeMsgpackFrame(bytes: Uint8Array): ClientFrame {
  let value: unknown
  try {
    value = decode(bytes, { useBigInt64: true })
  } catch (error) {
    throw new DecodeError(`Decode failed: ${(error as Error).message}`)
  }
  let event: unknown, channel: unknown, data: unknown
  if (Array.isArray(value)) [event, channel, data] = value
  else if (isRecord(value)) ({ event, channel, data } = value)
  else throw new DecodeError('Decode failed: envelope must be an array or a map')
  if (typeof event !== 'string') throw new DecodeError('Decode failed: missing event')
  const untagged = data == null ? { data: undefined, isString: false } : untag(data)
  return { event, channel: typeof channel === 'string' ? channel : undefined, data: untagged.data, dataIsString: untagged.isString }
}
