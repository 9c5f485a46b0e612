/**
 * The JSON text the server computes deltas over, rebuilt from a frame decoded from a binary
 * wire (MessagePack, Protobuf). The server deltas over its JSON serialization of the V2
 * envelope, members in struct order, without the delta markers (sockudo-adapter 5.2.0 src/local_adapter/connection_manager.rs); a
 * binary frame has no such text, so it is written here in the same order. The delta decoders
 * verify what they rebuild (size, checksum), so a base that differs fails loudly and the
 * channel resyncs instead of delivering wrong data.
 */
import { stringifyJsonLossless } from '../util/lossless-stringify'
import type { InboundFrame, MessageExtras } from '../protocol/frame'
import { isRecord } from '../util/json'

const sortKeys = (map: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.keys(map).sort().map((k) => [k, map[k]!]))

/** Most headers whose orders {@link envelopeTextVariants} tries (6! = 720 texts). */
const MAX_PERMUTED_HEADERS = 6

/**
 * The same text with the `extras.headers` members in every other order. Sockudo keeps headers
 * in a hash map and writes the JSON base and the binary frame from separate copies, so their
 * orders can differ; the decoder's checksum tells which order the server used.
 */
export function* envelopeTextVariants(frame: InboundFrame): Generator<string> {
  const headers = frame.extras?.headers
  const keys = headers ? Object.keys(headers) : []
  if (!headers || keys.length < 2 || keys.length > MAX_PERMUTED_HEADERS) return
  let first = true
  for (const order of permutations(keys)) {
    if (first) {
      first = false // the order as received: envelopeText's own
      continue
    }
    const reordered = Object.fromEntries(order.map((k) => [k, headers[k]!]))
    yield envelopeText({ ...frame, extras: { ...frame.extras, headers: reordered } })
  }
}

/** Every order of `items`, the given one first (Heap's algorithm). */
function* permutations<T>(items: readonly T[]): Generator<T[]> {
  const a = [...items]
  const c = a.map(() => 0)
  yield [...a]
  for (let i = 1; i < a.length; ) {
    if (c[i]! < i) {
      const j = i % 2 === 0 ? 0 : c[i]!
      ;[a[j], a[i]] = [a[i]!, a[j]!]
      yield [...a]
      c[i]!++
      i = 1
    } else {
      c[i] = 0
      i++
    }
  }
}

/** Writes `"key":value` for each present member, in the server's envelope order. */
export function envelopeText(frame: InboundFrame): string {
  const parts: string[] = [`"event":${JSON.stringify(frame.event)}`]
  const add = (key: string, value: unknown): void => {
    if (value !== undefined) parts.push(`${JSON.stringify(key)}:${stringifyJsonLossless(value) ?? 'null'}`)
  }
  add('channel', frame.channel)
  add('data', frame.data instanceof Uint8Array ? [...frame.data] : frame.data)
  add('name', frame.name)
  add('user_id', frame.userId)
  add('tags', frame.tags && sortKeys(frame.tags))
  add('message_id', frame.messageId)
  add('stream_id', frame.streamId)
  if (frame.serial !== undefined) parts.push(`"serial":${frame.serial}`)
  if (frame.extras !== undefined) parts.push(`"extras":${extrasText(frame.extras)}`)
  return `{${parts.join(',')}}`
}

/**
 * `extras` as the server writes it: header values are f64 there, so an integral number is
 * `1.0` (`"sockudo_history_serial":1.0`); headers keep the order they arrived in (the
 * server's map order, the same for the binary frame and the JSON text it deltas over).
 */
function extrasText(extras: MessageExtras): string {
  const parts: string[] = []
  for (const key of Object.keys(extras)) {
    const value = extras[key]
    const text = key === 'headers' && isRecord(value) ? headersText(value) : stringifyJsonLossless(value)
    if (text !== undefined) parts.push(`${JSON.stringify(key)}:${text}`)
  }
  return `{${parts.join(',')}}`
}

function headersText(headers: Record<string, unknown>): string {
  const parts = Object.keys(headers).map((key) => {
    const value = headers[key]
    const text = typeof value === 'number' && Number.isInteger(value) && Math.abs(value) < 1e16 ? `${value}.0` : (stringifyJsonLossless(value) ?? 'null')
    return `${JSON.stringify(key)}:${text}`
  })
  return `{${parts.join(',')}}`
}
