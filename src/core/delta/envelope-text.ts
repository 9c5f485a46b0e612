/**
 * The JSON text the server computes deltas over, rebuilt from a frame decoded from a binary
 * wire (MessagePack, Protobuf). The server deltas over its JSON serialization of the V2
 * envelope, members in struct order, without the delta markers (v2-features.md §1.6); a
 * binary frame has no such text, so it is written here in the same order. The delta decoders
 * verify what they rebuild (size, checksum), so a base that differs fails loudly and the
 * channel resyncs instead of delivering wrong data.
 */
import { stringifyJsonLossless } from '../codecs/json/lossless-stringify'
import type { InboundFrame } from '../protocol/frame'

const sortKeys = (map: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.keys(map).sort().map((k) => [k, map[k]!]))

/** Writes `"key":value` for each present member, in the server's envelope order. */
export function envelopeText(frame: InboundFrame): string {
  const parts: string[] = [`"event":${JSON.stringify(frame.event)}`]
  const add = (key: string, value: unknown): void => {
    if (value !== undefined) parts.push(`${JSON.stringify(key)}:${stringifyJsonLossless(value) ?? 'null'}`)
  }
  add('channel', frame.channel)
  add('data', frame.data instanceof Uint8Array ? [...frame.data] : frame.data)
  add('name', frame.name)
  add('user_id', frame.userId)
  add('tags', frame.tags && sortKeys(frame.tags))
  add('message_id', frame.messageId)
  add('stream_id', frame.streamId)
  if (frame.serial !== undefined) parts.push(`"serial":${frame.serial}`)
  add('extras', frame.extras)
  return `{${parts.join(',')}}`
}
