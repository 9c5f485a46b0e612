import { parseJsonLossless } from '../../util/lossless-parse'

/**
 * A JSON text carried inside a binary envelope (msgpack `["json", text]`, protobuf
 * `json_value`, structured `extra` values) → its value, unsafe integers kept exact. Text
 * that is not JSON stays a string, as the server itself treats it (sockudo-protocol 5.2.0 src/wire.rs).
 * @internal
 */
export function jsonTextValue(text: string): unknown {
  try {
    return parseJsonLossless(text)
  } catch {
    return text
  }
}
