import type { OutboundFrame } from '../../protocol/frame'
import { stringifyJsonLossless } from '../../util/lossless-stringify'
import { codecError } from '../shared/errors'
import { ProtoWriter } from './writer'

/**
 * Encodes a client → server frame as `ProtoPusherMessage` (sockudo-protocol 5.2.0 src/wire.rs): event (1),
 * channel (2) and data (3) as `string_value` for strings, `binary_value` for bytes and
 * `json_value` (JSON text) for everything else.
 * @internal
 */
export function encodeProtobufFrame(frame: OutboundFrame): Uint8Array {
  if (typeof frame.event !== 'string') throw codecError('codec/encode-failed', 'outbound frame has no string event')
  const w = new ProtoWriter().stringField(1, frame.event)
  if (typeof frame.channel === 'string') w.stringField(2, frame.channel)
  if (frame.data !== undefined) w.bytesField(3, encodeData(frame.event, frame.data))
  return w.finish()
}

function encodeData(event: string, data: unknown): Uint8Array {
  const w = new ProtoWriter()
  if (typeof data === 'string') return w.stringField(1, data).finish()
  if (data instanceof Uint8Array) return w.bytesField(4, data).finish()
  if (data instanceof ArrayBuffer) return w.bytesField(4, new Uint8Array(data)).finish()
  let text: string | undefined
  try {
    text = stringifyJsonLossless(data)
  } catch (cause) {
    throw codecError('codec/encode-failed', `cannot encode the data of "${event}" as JSON`, cause)
  }
  return w.stringField(3, text ?? 'null').finish()
}
