import type { OutboundFrame } from '../../protocol/frame'
import { stringifyJsonLossless } from '../../util/lossless-stringify'
import { codecError } from '../shared/errors'

/**
 * Builds the 15-element positional envelope the server decodes (sockudo-protocol 5.2.0 src/wire.rs), with `data`
 * tagged: `["string", s]`, `["binary", bytes]`, or `["json", text]` for everything else.
 * @internal
 */
export function outboundEnvelope(frame: OutboundFrame): unknown[] {
  if (typeof frame.event !== 'string') throw codecError('codec/encode-failed', 'outbound frame has no string event')
  const envelope: unknown[] = new Array<unknown>(15).fill(null)
  envelope[0] = frame.event
  if (frame.channel !== undefined) envelope[1] = frame.channel
  if (frame.data !== undefined) envelope[2] = tagData(frame.event, frame.data)
  return envelope
}

function tagData(event: string, data: unknown): [string, unknown] {
  if (typeof data === 'string') return ['string', data]
  if (data instanceof Uint8Array) return ['binary', data]
  if (data instanceof ArrayBuffer) return ['binary', new Uint8Array(data)]
  let text: string | undefined
  try {
    text = stringifyJsonLossless(data)
  } catch (cause) {
    throw codecError('codec/encode-failed', `cannot encode the data of "${event}" as JSON`, cause)
  }
  return ['json', text ?? 'null']
}
