import type { InboundFrame } from '../../protocol/frame'
import { invalidFrame } from '../shared/errors'
import {
  addUnknown,
  isRecord,
  optionalSafeCount,
  optionalSerial,
  optionalString,
  optionalStringMap,
} from '../shared/values'
import { bigIntToWire, decodeData, decodeExtras } from './values'

/**
 * Envelope field order of the server's `MsgpackPusherMessage` (sockudo-protocol 5.2.0 src/wire.rs), also the key
 * names of the map form. Elements past the last one are ignored (newer servers may add some).
 * @internal
 */
export const ENVELOPE_FIELDS = [
  'event', 'channel', 'data', 'name', 'user_id', 'tags', 'sequence', 'conflation_key',
  'message_id', 'stream_id', 'serial', 'idempotency_key', 'extras', 'delta_sequence',
  'delta_conflation_key',
] as const

/** A decoded MessagePack value (positional array or field map) → {@link InboundFrame}. @internal */
export function envelopeToFrame(value: unknown): InboundFrame {
  let fields: unknown[]
  if (Array.isArray(value)) fields = value
  else if (isRecord(value)) fields = ENVELOPE_FIELDS.map((name) => value[name])
  else throw invalidFrame('MessagePack frame is not an envelope array')
  const event = fields[0]
  if (typeof event !== 'string') throw invalidFrame('frame has no string "event"')
  const frame: InboundFrame = { event }
  const channel = optionalString(fields[1], 'channel')
  if (channel !== undefined) frame.channel = channel
  const data = decodeData(fields[2])
  if (data !== undefined) frame.data = data
  setStrings(frame, fields)
  const tags = optionalStringMap(fields[5], 'tags')
  if (tags !== undefined) frame.tags = tags
  const serial = optionalSerial(fields[10], 'serial')
  if (serial !== undefined) frame.serial = serial
  const extras = decodeExtras(fields[12])
  if (extras !== undefined) frame.extras = extras
  const deltaSequence = optionalSafeCount(fields[13], 'delta_sequence')
  if (deltaSequence !== undefined) frame.deltaSequence = deltaSequence
  setLegacy(frame, fields)
  return frame
}

function setStrings(frame: InboundFrame, fields: unknown[]): void {
  const name = optionalString(fields[3], 'name')
  if (name !== undefined) frame.name = name
  const userId = optionalString(fields[4], 'user_id')
  if (userId !== undefined) frame.userId = userId
  const messageId = optionalString(fields[8], 'message_id')
  if (messageId !== undefined) frame.messageId = messageId
  const streamId = optionalString(fields[9], 'stream_id')
  if (streamId !== undefined) frame.streamId = streamId
  const conflationKey = optionalString(fields[14], 'delta_conflation_key')
  if (conflationKey !== undefined) frame.conflationKey = conflationKey
}

/**
 * Fields the server never sends to clients today (legacy delta markers, the stripped
 * idempotency key) go to `unknown` under their JSON names, as the JSON codec does.
 */
function setLegacy(frame: InboundFrame, fields: unknown[]): void {
  const sequence = fields[6]
  if (sequence !== undefined && sequence !== null) {
    if (typeof sequence !== 'number' && typeof sequence !== 'bigint') throw invalidFrame('"sequence" must be an integer')
    addUnknown(frame, 'sequence', typeof sequence === 'bigint' ? bigIntToWire(sequence) : sequence)
  }
  const conflationKey = optionalString(fields[7], 'conflation_key')
  if (conflationKey !== undefined) addUnknown(frame, 'conflation_key', conflationKey)
  const idempotencyKey = optionalString(fields[11], 'idempotency_key')
  if (idempotencyKey !== undefined) addUnknown(frame, 'idempotency_key', idempotencyKey)
}
