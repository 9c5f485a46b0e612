import type { InboundFrame, MessageExtras } from '../../protocol/frame'
import { codecError, invalidFrame } from '../shared/errors'
import {
  addUnknown,
  isRecord,
  optionalSafeCount,
  optionalSerial,
  optionalString,
  optionalStringMap,
} from '../shared/values'
import { hasUnsafeNumber, quoteUnsafeIntegers } from '../../util/lossless-parse'

/**
 * Decodes one JSON text frame (sockudo-protocol 5.2.0 src/messages.rs) into an {@link InboundFrame}. `data` stays as
 * on the wire (a double-encoded string stays a string; see `parseEventData`); unsafe
 * integers anywhere become exact decimal strings; `raw` is the untouched text.
 * @internal
 */
export function decodeJsonFrame(text: string): InboundFrame {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (cause) {
    throw codecError('codec/invalid-json', 'frame is not valid JSON', cause)
  }
  // One pass reads the envelope and looks for unsafe integers; only a frame that holds one
  // (a serial past 2^53) is parsed again with those literals kept exact.
  return decodeJsonEnvelope(parsed, text, true) ?? decodeJsonEnvelope(JSON.parse(quoteUnsafeIntegers(text)), text)!
}

/**
 * Maps a parsed JSON envelope (snake_case keys) to an {@link InboundFrame}: the one envelope
 * decoder of the client, for live frames, socket history items and proxy answers alike, so a
 * stored message and a live one are validated the same way. `raw` is the frame's text, when
 * there is one (delta bases are computed over it). `plain`: `parsed` comes from a plain
 * `JSON.parse`, and the answer is undefined when a value holds an unsafe integer (the caller
 * parses again, losslessly). Throws `codec/invalid-frame`.
 * @internal
 */
export function decodeJsonEnvelope(parsed: unknown, raw?: string, plain?: boolean): InboundFrame | undefined {
  if (!isRecord(parsed)) throw invalidFrame('frame is not a JSON object')
  const event = parsed.event
  if (typeof event !== 'string') throw invalidFrame('frame has no string "event"')
  const frame: InboundFrame = raw === undefined ? { event } : { event, raw }
  for (const key in parsed) {
    const value = parsed[key]
    if (plain && hasUnsafeNumber(value)) return undefined
    applyField(frame, key, value)
  }
  return frame
}

/** One switch over the known keys; `null` on a known key means absent (except `data`). */
function applyField(frame: InboundFrame, key: string, value: unknown): void {
  if (value === null && key !== 'data') {
    if (!KNOWN.has(key)) addUnknown(frame, key, value)
    return
  }
  switch (key) {
    case 'event': return
    case 'channel': frame.channel = optionalString(value, key); return
    case 'data': frame.data = value; return
    case 'name': frame.name = optionalString(value, key); return
    case 'user_id': frame.userId = optionalString(value, key); return
    case 'message_id': frame.messageId = optionalString(value, key); return
    case 'stream_id': frame.streamId = optionalString(value, key); return
    case 'serial': frame.serial = optionalSerial(value, key); return
    case 'tags': setTags(frame, value); return
    case 'extras': frame.extras = checkExtras(value); return
    case '__delta_seq': frame.deltaSequence = optionalSafeCount(value, key); return
    case '__conflation_key': frame.conflationKey = optionalString(value, key); return
    default: addUnknown(frame, key, value)
  }
}

const KNOWN = new Set([
  'event', 'channel', 'name', 'user_id', 'message_id', 'stream_id', 'serial', 'tags', 'extras',
  '__delta_seq', '__conflation_key',
])

function setTags(frame: InboundFrame, value: unknown): void {
  const tags = optionalStringMap(value, 'tags')
  if (tags !== undefined) frame.tags = tags
}

/** Extras are kept as sent (unknown members included); only the container shapes are checked. */
function checkExtras(value: unknown): MessageExtras {
  if (!isRecord(value)) throw invalidFrame('"extras" must be an object')
  const headers = value.headers
  if (headers !== undefined && headers !== null && !isRecord(headers)) {
    throw invalidFrame('"extras.headers" must be an object')
  }
  const ai = value.ai
  if (ai !== undefined && ai !== null && !isRecord(ai)) throw invalidFrame('"extras.ai" must be an object')
  return value as MessageExtras
}
