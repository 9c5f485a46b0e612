/** Builds JSON-wire frames the way the Sockudo server writes them (v2-features.md §1.4–1.5). */
import type { DeltaResult } from '../../../src/core/delta'
import type { InboundFrame } from '../../../src/core/protocol/frame'
import { jsonCodec } from '../../../src/core/codecs/json'
import { fossilEncode, xdelta3Encode, XDELTA3_VARIANTS } from '../../../scripts/vectors/delta-encoders'

const decode = (text: string): InboundFrame => jsonCodec.decode(text)

/** A V2 envelope's JSON text, as the server serializes it (data double-encoded). */
export function envelope(event: string, channel: string, data: unknown, serial: number, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ event, channel, data: JSON.stringify(data), message_id: `m-${serial}`, stream_id: 's1', serial, ...extra })
}

/** The full frame for `text`: the markers appended last, like the server's struct order. */
export function full(text: string, seq: number, conflationKey?: string): InboundFrame {
  const markers = `,"__delta_seq":${seq}${conflationKey ? `,"__conflation_key":${JSON.stringify(conflationKey)}` : ''}`
  return decode(`${text.slice(0, -1)}${markers}}`)
}

/** Delta frame fields. */
export interface DeltaFields {
  event: string
  seq: number
  baseIndex?: number
  algorithm?: 'fossil' | 'xdelta3' | string
  conflationKey?: string
}

/** A `sockudo:delta` frame carrying a real delta from `base` to `target` (texts). */
export function delta(channel: string, base: string, target: string, f: DeltaFields, prefix = 'sockudo:'): InboundFrame {
  const enc = new TextEncoder()
  const algorithm = f.algorithm ?? 'fossil'
  const bytes = algorithm === 'xdelta3' ? xdelta3Encode(enc.encode(base), enc.encode(target), XDELTA3_VARIANTS.server) : fossilEncode(enc.encode(base), enc.encode(target))
  return deltaWithBytes(channel, bytes, f, prefix)
}

/** A delta frame with the given raw delta bytes. */
export function deltaWithBytes(channel: string, bytes: Uint8Array, f: DeltaFields, prefix = 'sockudo:'): InboundFrame {
  const data: Record<string, unknown> = { event: f.event, delta: Buffer.from(bytes).toString('base64'), seq: f.seq }
  if (f.algorithm !== undefined) data.algorithm = f.algorithm
  if (f.conflationKey !== undefined) data.conflation_key = f.conflationKey
  if (f.baseIndex !== undefined) data.base_index = f.baseIndex
  return decode(JSON.stringify({ event: `${prefix}delta`, channel, data }))
}

/** The frame of a `deliver` result; throws on any other result. */
export function delivered(result: DeltaResult): InboundFrame {
  if (result.kind !== 'deliver') throw new Error(`expected deliver, got ${result.kind}`)
  return result.frame
}
