/** Codec selection per socket: JSON text, MessagePack or Protobuf binary (core.md §9). */
import type { ClientFrame, ServerFrame, WireFormat } from '../frame'
import { decodeJsonFrame, encodeJsonFrame } from './json'
import { decodeMsgpackFrame, encodeMsgpackFrame } from './msgpack'
import { decodeProtobufFrame, encodeProtobufFrame } from './protobuf'

export { DecodeError } from './json'
export { encodeJsonFrame }

/** Parses the `format` query value; undefined when unknown (⇒ HTTP 400). */
export function parseFormat(raw: string | null): WireFormat | undefined {
  const value = (raw ?? '').trim().toLowerCase()
  if (value === '' || value === 'json') return 'json'
  if (value === 'msgpack' || value === 'messagepack') return 'msgpack'
  if (value === 'protobuf' || value === 'proto') return 'protobuf'
  return undefined
}

export function encodeFrame(format: WireFormat, frame: ServerFrame): string | Uint8Array {
  if (format === 'msgpack') return encodeMsgpackFrame(frame)
  if (format === 'protobuf') return encodeProtobufFrame(frame)
  return encodeJsonFrame(frame)
}

/** Decodes with the negotiated codec regardless of the frame type (as the real server does). */
export function decodeFrame(format: WireFormat, raw: Buffer): ClientFrame {
  if (format === 'msgpack') return decodeMsgpackFrame(raw)
  if (format === 'protobuf') return decodeProtobufFrame(raw)
  return decodeJsonFrame(raw.toString('utf8'))
}
