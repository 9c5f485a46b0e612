import type { InboundFrame, OutboundFrame } from '../protocol/frame'

/** Name of a wire format. */
export type WireFormat = 'json' | 'msgpack' | 'protobuf'

/**
 * A wire codec. Pure: bytes in, frames out, no I/O. The JSON codec is always present
 * (text frames are JSON on every format, sockudo-adapter 5.2.0 src/local_adapter/broadcast.rs); MessagePack and Protobuf codecs
 * are separate entries that an app passes in options, so JSON apps bundle neither.
 */
export interface Codec {
  /** Wire format this codec speaks. */
  readonly format: WireFormat
  /** Value of the `format` query parameter (omitted for JSON). */
  readonly queryValue?: string
  /** Whether outbound frames are binary (`Uint8Array`) or text. */
  readonly binary: boolean
  /** Encodes one outbound frame. */
  encode(frame: OutboundFrame): string | Uint8Array
  /**
   * Decodes one inbound frame. Throws a `CodecError` (never anything else) on bad input;
   * its `code` is one of `CodecErrorCode` (`codec/…`). Pass text frames as strings and binary
   * frames as `Uint8Array` (a Node `Buffer` is fine): every codec decodes strings as JSON
   * (the mixed-frame rule, sockudo-adapter 5.2.0 src/local_adapter/broadcast.rs) and bytes with its own format (the JSON codec reads
   * bytes as UTF-8 JSON text). Serials in the result are exact decimal strings.
   */
  decode(frame: string | Uint8Array): InboundFrame
}
