import { CodecError } from '../../errors'

/**
 * Codes of the {@link CodecError}s a codec throws:
 * - `codec/invalid-json`: a text frame is not JSON;
 * - `codec/invalid-msgpack`: a binary frame is not exactly one MessagePack value;
 * - `codec/invalid-protobuf`: a binary frame is not a well-formed Protobuf message
 *   (truncated, bad varint, wrong wire type for a known field, invalid UTF-8 in a string);
 * - `codec/invalid-frame`: the frame decodes but its envelope has the wrong shape or types
 *   (no string `event`, a non-string `channel`, a serial that is not an unsigned integer…);
 * - `codec/encode-failed`: an outbound frame cannot be encoded (cyclic data, no event).
 */
export type CodecErrorCode =
  | 'codec/invalid-json'
  | 'codec/invalid-msgpack'
  | 'codec/invalid-protobuf'
  | 'codec/invalid-frame'
  | 'codec/encode-failed'

/** @internal */
export function codecError(code: CodecErrorCode, message: string, cause?: unknown): CodecError {
  return new CodecError(code, message, cause === undefined ? {} : { cause })
}

/** @internal Shorthand for a `codec/invalid-frame` error. */
export function invalidFrame(message: string): CodecError {
  return new CodecError('codec/invalid-frame', message)
}

/**
 * @internal Guarantees the "only CodecError" contract: anything else thrown while decoding
 * (a library bug, an engine RangeError on absurd input) is wrapped with `fallback`.
 */
export function asCodecError(error: unknown, fallback: CodecErrorCode, message: string): CodecError {
  if (error instanceof CodecError) return error
  return codecError(fallback, message, error)
}
