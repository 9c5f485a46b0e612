import type { InboundFrame } from '../../protocol/frame'
import type { Codec } from '../types'
import { asCodecError, codecError } from '../shared/errors'
import { decodeUtf8 } from '../shared/utf8'
import { decodeJsonFrame } from './decode'
import { encodeJsonFrame } from './encode'

/**
 * Decodes a frame with the JSON rules. Strings are the normal case; bytes (which a JSON
 * server never sends) are read as strict UTF-8 text.
 * @internal
 */
export function decodeJsonInput(input: string | Uint8Array): InboundFrame {
  try {
    return decodeJsonFrame(typeof input === 'string' ? input : bytesToText(input))
  } catch (error) {
    throw asCodecError(error, 'codec/invalid-frame', 'unexpected failure while decoding a JSON frame')
  }
}

function bytesToText(bytes: Uint8Array): string {
  try {
    return decodeUtf8(bytes)
  } catch (cause) {
    throw codecError('codec/invalid-json', 'frame is not valid UTF-8 text', cause)
  }
}

/**
 * The JSON wire codec (sockudo-protocol 5.2.0 src/messages.rs): text frames both ways. It is the default codec, and
 * the binary codecs hand it every text frame they receive, because the server sends some
 * deliveries as JSON text whatever the negotiated format (sockudo-adapter 5.2.0 src/local_adapter/broadcast.rs).
 */
export const jsonCodec: Codec = Object.freeze({
  format: 'json',
  binary: false,
  encode: encodeJsonFrame,
  decode: decodeJsonInput,
})
