import type { OutboundFrame } from '../../protocol/frame'
import { codecError } from '../shared/errors'
import { stringifyJsonLossless } from '../../util/lossless-stringify'

/**
 * Encodes one client → server frame as `{"event":…,"data":…,"channel":…}` (sockudo-protocol 5.2.0 src/messages.rs).
 * `data` is written as given: objects stay objects, strings stay strings (the caller decides
 * where the spec wants a JSON string). Bytes become an array of byte values, and bigints
 * bare integer literals.
 * @internal
 */
export function encodeJsonFrame(frame: OutboundFrame): string {
  if (typeof frame.event !== 'string') throw codecError('codec/encode-failed', 'outbound frame has no string event')
  const data = toWireData(frame.data)
  const wire = frame.channel === undefined
    ? { event: frame.event, data }
    : { event: frame.event, data, channel: frame.channel }
  let text: string | undefined
  try {
    text = stringifyJsonLossless(wire)
  } catch (cause) {
    throw codecError('codec/encode-failed', `cannot encode "${frame.event}" as JSON`, cause)
  }
  if (text === undefined) throw codecError('codec/encode-failed', `cannot encode "${frame.event}" as JSON`)
  return text
}

function toWireData(data: unknown): unknown {
  if (data instanceof Uint8Array) return Array.from(data)
  if (data instanceof ArrayBuffer) return Array.from(new Uint8Array(data))
  return data
}
