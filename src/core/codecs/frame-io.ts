import { CodecError, ProtocolError, SockudoError } from '../errors'
import { jsonCodec } from './json/codec'
import type { Codec } from './types'
import type { InboundFrame, OutboundFrame } from '../protocol/frame'

/**
 * Frame I/O of one connection: text frames are always JSON (the server sends some
 * broadcasts as JSON text even on binary formats, sockudo-adapter 5.2.0 src/local_adapter/broadcast.rs); binary frames go through
 * the negotiated codec. Outbound frames use the codec when one is configured.
 */
export interface FrameIO {
  /** Decodes one frame; throws a {@link SockudoError} (never anything else). */
  decode(data: string | Uint8Array): InboundFrame
  /** Encodes one outbound frame. */
  encode(frame: OutboundFrame): string | Uint8Array
}

/** Creates the frame I/O for an optional binary codec. */
export function createFrameIO(codec?: Codec): FrameIO {
  const binary = codec && codec.binary ? codec : undefined
  return {
    decode(data) {
      const codec = typeof data === 'string' ? jsonCodec : binary
      if (!codec) throw new ProtocolError('protocol/unexpected-binary', 'Binary frame on a JSON connection')
      try {
        return codec.decode(data)
      } catch (cause) {
        if (cause instanceof SockudoError) throw cause
        throw new CodecError('codec/decode-failed', 'Frame could not be decoded', { cause })
      }
    },
    encode(frame) {
      return (binary ?? jsonCodec).encode(frame)
    },
  }
}
