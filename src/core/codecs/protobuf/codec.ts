import type { InboundFrame } from '../../protocol/frame'
import { decodeJsonInput } from '../json/codec'
import type { Codec } from '../types'
import { asCodecError } from '../shared/errors'
import { encodeProtobufFrame } from './encode'
import { decodeProtobufFrame } from './envelope'

/** Options of {@link createProtobufCodec}. */
export interface ProtobufCodecOptions {
  /**
   * Value sent as the `format` query parameter. The server accepts both spellings.
   * @default 'protobuf'
   */
  queryValue?: 'protobuf' | 'proto'
}

/**
 * Creates a Protobuf codec (sockudo-protocol 5.2.0 src/wire.rs, the server's field numbering). Binary frames are
 * decoded by a small built-in reader (no protobuf runtime is bundled); uint64 serials arrive
 * as exact decimal strings and unknown fields are skipped. Text frames are decoded as JSON
 * (sockudo-adapter 5.2.0 src/local_adapter/broadcast.rs). Outbound frames are binary.
 */
export function createProtobufCodec(options: ProtobufCodecOptions = {}): Codec {
  const { queryValue = 'protobuf' } = options
  return Object.freeze({
    format: 'protobuf' as const,
    queryValue,
    binary: true,
    encode: encodeProtobufFrame,
    decode: decodeProtobufInput,
  })
}

function decodeProtobufInput(input: string | Uint8Array): InboundFrame {
  if (typeof input === 'string') return decodeJsonInput(input)
  try {
    return decodeProtobufFrame(input)
  } catch (error) {
    throw asCodecError(error, 'codec/invalid-protobuf', 'unexpected failure while decoding a Protobuf envelope')
  }
}

/** The Protobuf codec with default options (`format=protobuf`). */
export const protobufCodec: Codec = createProtobufCodec()
