import { Encoder } from '@msgpack/msgpack'
import type { InboundFrame, OutboundFrame } from '../../protocol/frame'
import { decodeJsonInput } from '../json/codec'
import type { Codec } from '../types'
import { asCodecError, codecError } from '../shared/errors'
import { decodeMsgpack } from './decode'
import { envelopeToFrame } from './envelope'
import { outboundEnvelope } from './encode'

/** Options of {@link createMsgpackCodec}. */
export interface MsgpackCodecOptions {
  /**
   * Value sent as the `format` query parameter. The server accepts both spellings.
   * @default 'msgpack'
   */
  queryValue?: 'msgpack' | 'messagepack'
}

/**
 * Creates a MessagePack codec (sockudo-protocol 5.2.0 src/wire.rs). Binary frames are decoded as the server's
 * 15-element positional envelope (a field-name map is accepted too); 64-bit integers past 2^53
 * are read as bigint, so serials arrive as exact decimal strings. Text frames are decoded as
 * JSON, because the server sends some deliveries as JSON text on every format (sockudo-adapter 5.2.0 src/local_adapter/broadcast.rs).
 * Outbound frames are binary.
 */
export function createMsgpackCodec(options: MsgpackCodecOptions = {}): Codec {
  const { queryValue = 'msgpack' } = options
  // One encoder per codec: it reuses its buffer between frames. Frames are read by the client's
  // own reader (./decode), which is faster on the server's string-heavy envelopes.
  const encoder = new Encoder({ useBigInt64: true })
  return Object.freeze({
    format: 'msgpack' as const,
    queryValue,
    binary: true,
    encode: (frame: OutboundFrame): Uint8Array => encodeWith(encoder, frame),
    decode: (input: string | Uint8Array): InboundFrame => {
      if (typeof input === 'string') return decodeJsonInput(input)
      return decodeBinary(input)
    },
  })
}

function decodeBinary(bytes: Uint8Array): InboundFrame {
  let value: unknown
  try {
    value = decodeMsgpack(bytes)
  } catch (cause) {
    throw codecError('codec/invalid-msgpack', 'frame is not one valid MessagePack value', cause)
  }
  try {
    return envelopeToFrame(value)
  } catch (error) {
    throw asCodecError(error, 'codec/invalid-frame', 'unexpected failure while decoding a MessagePack envelope')
  }
}

function encodeWith(encoder: Encoder, frame: OutboundFrame): Uint8Array {
  const envelope = outboundEnvelope(frame)
  try {
    return encoder.encode(envelope)
  } catch (cause) {
    throw codecError('codec/encode-failed', `cannot encode "${frame.event}" as MessagePack`, cause)
  }
}

/** The MessagePack codec with default options (`format=msgpack`). */
export const msgpackCodec: Codec = createMsgpackCodec()
