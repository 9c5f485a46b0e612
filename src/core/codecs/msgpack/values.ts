import type { MessageExtras } from '../../protocol/frame'
import { invalidFrame } from '../shared/errors'
import { jsonTextValue } from '../shared/json-text'
import { exactInteger, isRecord, optionalBoolean, optionalString, optionalStringMap, setOwn } from '../shared/values'

/**
 * Decoders for the tagged values of the MessagePack envelope (sockudo-protocol 5.2.0 src/wire.rs). Every struct
 * may arrive positionally (what the server sends) or as a map keyed by field name (what
 * serde also accepts); tagged pairs as `[kind, value]` or `{kind, value}`.
 * @internal
 */

/** Splits a tagged pair, or returns undefined when `value` is not one. */
function untag(value: unknown): [kind: string, value: unknown] | undefined {
  if (Array.isArray(value)) {
    return value.length === 2 && typeof value[0] === 'string' ? [value[0], value[1]] : undefined
  }
  if (isRecord(value) && typeof value.kind === 'string') return [value.kind, value.value]
  return undefined
}

/** Reads field `index` (positional) or `name` (map) of a struct. */
function field(struct: unknown[] | Record<string, unknown>, index: number, name: string): unknown {
  return Array.isArray(struct) ? struct[index] : struct[name]
}

function struct(value: unknown, name: string): unknown[] | Record<string, unknown> {
  if (Array.isArray(value) || isRecord(value)) return value
  throw invalidFrame(`"${name}" must be an array or a map`)
}

/** `data`: string / json / binary / structured (sockudo-protocol 5.2.0 src/wire.rs). */
export function decodeData(value: unknown): unknown {
  if (value === undefined || value === null) return undefined
  const tagged = untag(value)
  if (tagged === undefined) return normaliseBigInts(value)
  const [kind, inner] = tagged
  switch (kind) {
    case 'string':
      if (typeof inner === 'string') return inner
      throw invalidFrame('"data" of kind "string" must be a string')
    case 'json':
      if (typeof inner === 'string') return jsonTextValue(inner)
      throw invalidFrame('"data" of kind "json" must be JSON text')
    case 'binary':
      if (inner instanceof Uint8Array) return new Uint8Array(inner) // a copy: the frame buffer may be reused
      throw invalidFrame('"data" of kind "binary" must be bytes')
    case 'structured':
      return decodeStructured(inner)
    default:
      // A data kind from a newer server: hand the value over rather than drop the frame.
      return normaliseBigInts(inner)
  }
}

/** `[channel_data, channel, user_data, {key: JSON text}]` → the object it stands for. */
function decodeStructured(value: unknown): Record<string, unknown> {
  const s = struct(value, 'data.structured')
  const out: Record<string, unknown> = {}
  const extra = field(s, 3, 'extra')
  if (extra !== undefined && extra !== null) {
    if (!isRecord(extra)) throw invalidFrame('"data.structured.extra" must be a map')
    for (const key in extra) {
      const text = extra[key]
      if (typeof text !== 'string') throw invalidFrame('"data.structured.extra" values must be JSON text')
      setOwn(out, key, jsonTextValue(text))
    }
  }
  const names = ['channel_data', 'channel', 'user_data'] as const
  for (let i = 0; i < 3; i++) {
    const name = names[i] as string
    const text = optionalString(field(s, i, name), `data.structured.${name}`)
    if (text !== undefined) out[name] = text
  }
  return out
}

/** `[headers, ephemeral, idempotency_key, echo, ai]` (or a map) → {@link MessageExtras}. */
export function decodeExtras(value: unknown): MessageExtras | undefined {
  if (value === undefined || value === null) return undefined
  const s = struct(value, 'extras')
  const extras: MessageExtras = isRecord(s) ? keepUnknownExtras(s) : {}
  const headers = decodeHeaders(field(s, 0, 'headers'))
  if (headers !== undefined) extras.headers = headers
  const ephemeral = optionalBoolean(field(s, 1, 'ephemeral'), 'extras.ephemeral')
  if (ephemeral !== undefined) extras.ephemeral = ephemeral
  const key = field(s, 2, 'idempotency_key') ?? (isRecord(s) ? s.idempotencyKey : undefined)
  const idempotencyKey = optionalString(key, 'extras.idempotency_key')
  if (idempotencyKey !== undefined) extras.idempotencyKey = idempotencyKey
  const echo = optionalBoolean(field(s, 3, 'echo'), 'extras.echo')
  if (echo !== undefined) extras.echo = echo
  const ai = decodeAi(field(s, 4, 'ai'))
  if (ai !== undefined) extras.ai = ai
  for (const _ in extras) return extras
  return undefined
}

const EXTRAS_FIELDS = new Set(['headers', 'ephemeral', 'idempotency_key', 'idempotencyKey', 'echo', 'ai'])

/** Map-form extras (as the official JS client writes them) may carry extension keys. */
function keepUnknownExtras(s: Record<string, unknown>): MessageExtras {
  const out: MessageExtras = {}
  for (const key in s) {
    const v = s[key]
    if (!EXTRAS_FIELDS.has(key) && v !== undefined && v !== null) setOwn(out, key, normaliseBigInts(v))
  }
  return out
}

function decodeHeaders(value: unknown): Record<string, string | number | boolean> | undefined {
  if (value === undefined || value === null) return undefined
  if (!isRecord(value)) throw invalidFrame('"extras.headers" must be a map')
  const out: Record<string, string | number | boolean> = {}
  let empty = true
  for (const key in value) {
    setOwn(out, key, decodeHeaderValue(value[key], key))
    empty = false
  }
  return empty ? undefined : out
}

/** `["string", s]`, `["number", f64]`, `["bool", b]`, or a bare scalar. */
function decodeHeaderValue(value: unknown, key: string): string | number | boolean {
  const tagged = untag(value)
  let inner = tagged === undefined ? value : tagged[1]
  if (typeof inner === 'bigint') inner = bigIntToWire(inner)
  if (inner === null || inner === undefined) return ''
  if (typeof inner === 'string' || typeof inner === 'number' || typeof inner === 'boolean') return inner
  throw invalidFrame(`"extras.headers.${key}" must be a string, number or boolean`)
}

function decodeAi(value: unknown): MessageExtras['ai'] | undefined {
  if (value === undefined || value === null) return undefined
  const s = struct(value, 'extras.ai')
  const ai: NonNullable<MessageExtras['ai']> = {}
  const transport = optionalStringMap(field(s, 0, 'transport'), 'extras.ai.transport')
  if (transport !== undefined) ai.transport = transport
  const codec = optionalStringMap(field(s, 1, 'codec'), 'extras.ai.codec')
  if (codec !== undefined) ai.codec = codec
  return ai
}

/** A 64-bit integer → a number when safe, else its exact decimal string. */
export function bigIntToWire(value: bigint): number | string {
  const exact = exactInteger(value)
  return typeof exact === 'bigint' ? exact.toString() : exact
}

/** Replaces every bigint in a decoded value (iteratively; no recursion on deep input). */
export function normaliseBigInts(root: unknown): unknown {
  if (typeof root === 'bigint') return bigIntToWire(root)
  if (typeof root !== 'object' || root === null || root instanceof Uint8Array) return root
  const stack: (unknown[] | Record<string, unknown>)[] = [root as Record<string, unknown>]
  while (stack.length > 0) {
    const node = stack.pop() as Record<string, unknown>
    for (const key in node) {
      const v = node[key]
      if (typeof v === 'bigint') node[key] = bigIntToWire(v)
      else if (typeof v === 'object' && v !== null && !(v instanceof Uint8Array)) stack.push(v as Record<string, unknown>)
    }
  }
  return root
}
