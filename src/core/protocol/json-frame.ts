/**
 * JSON envelopes: `decodeJsonFrame` (text frame → frame, kept for modules that decode JSON
 * text outside the connection, e.g. delta reconstruction) and `envelopeToFrame` (already
 * parsed envelopes such as history items). The connection itself decodes with the JSON codec.
 */
import { ProtocolError } from '../errors'
import { parseJsonLossless } from '../util/lossless-parse'
import { isRecord, serialToString } from '../util/json'
import type { InboundFrame, MessageExtras, OutboundFrame } from './frame'

const KNOWN = new Set([
  'event', 'channel', 'data', 'name', 'user_id', 'message_id', 'serial', 'stream_id', 'extras', 'tags',
  '__delta_seq', '__conflation_key', 'sequence', 'conflation_key', 'idempotency_key',
])

/**
 * Decodes one JSON text frame into an {@link InboundFrame}. Unsafe integers stay exact
 * strings; `data` is kept as sent. Throws a {@link ProtocolError} for invalid JSON or a
 * malformed envelope.
 */
export function decodeJsonFrame(text: string): InboundFrame {
  let value: unknown
  try {
    value = parseJsonLossless(text)
  } catch (cause) {
    throw new ProtocolError('protocol/invalid-json', 'Frame is not valid JSON', { cause, body: text })
  }
  if (!isRecord(value)) throw new ProtocolError('protocol/invalid-frame', 'Frame is not a JSON object', { body: text })
  return envelopeToFrame(value, text)
}

/** Maps a decoded JSON envelope (snake_case keys) to an {@link InboundFrame}. */
export function envelopeToFrame(value: Record<string, unknown>, raw?: string): InboundFrame {
  const event = value.event
  if (typeof event !== 'string' || event === '') {
    throw new ProtocolError('protocol/missing-event', 'Frame has no string `event`', { body: raw ?? value })
  }
  const frame: InboundFrame = { event }
  if (raw !== undefined) frame.raw = raw
  optionalString(value, 'channel', (v) => (frame.channel = v))
  if ('data' in value) frame.data = value.data
  optionalString(value, 'name', (v) => (frame.name = v))
  optionalString(value, 'user_id', (v) => (frame.userId = v))
  optionalString(value, 'message_id', (v) => (frame.messageId = v))
  optionalString(value, 'stream_id', (v) => (frame.streamId = v))
  optionalString(value, '__conflation_key', (v) => (frame.conflationKey = v))
  if (value.serial !== undefined && value.serial !== null) {
    const serial = serialToString(value.serial)
    if (serial === undefined) throw new ProtocolError('protocol/invalid-field', '`serial` is not an integer', { body: raw ?? value })
    frame.serial = serial
  }
  if (typeof value.__delta_seq === 'number') frame.deltaSequence = value.__delta_seq
  if (isRecord(value.extras)) frame.extras = value.extras as MessageExtras
  if (isRecord(value.tags)) frame.tags = value.tags as Record<string, string>
  const unknown = Object.keys(value).filter((k) => !KNOWN.has(k))
  if (unknown.length) frame.unknown = Object.fromEntries(unknown.map((k) => [k, value[k]]))
  return frame
}

function optionalString(value: Record<string, unknown>, key: string, set: (v: string) => void): void {
  const field = value[key]
  if (field === undefined || field === null) return
  if (typeof field !== 'string') throw new ProtocolError('protocol/invalid-field', `\`${key}\` is not a string`, { body: value })
  set(field)
}

/** Encodes one outbound frame as JSON text (`{event, data?, channel?}`). */
export function encodeJsonFrame(frame: OutboundFrame): string {
  const out: Record<string, unknown> = { event: frame.event }
  if (frame.data !== undefined) out.data = frame.data
  if (frame.channel !== undefined) out.channel = frame.channel
  return JSON.stringify(out)
}
