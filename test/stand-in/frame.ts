/** Server-side frame shapes shared by the codecs, the session and the publish pipeline. */

/** Negotiated wire format of a V2 socket (V1 is always JSON). */
export type WireFormat = 'json' | 'msgpack' | 'protobuf'

/** Extras envelope (camelCase keys, core.md §10.1). */
export interface FrameExtras {
  headers?: Record<string, string | number | boolean>
  ephemeral?: boolean
  idempotencyKey?: string
  echo?: boolean
  [key: string]: unknown
}

/** One outbound frame before encoding. `data` is a string, a JSON value or bytes. */
export interface ServerFrame {
  event: string
  channel?: string
  data?: unknown
  name?: string
  user_id?: string
  tags?: Record<string, string>
  message_id?: string
  stream_id?: string
  serial?: bigint
  extras?: FrameExtras
  __delta_seq?: number
  __conflation_key?: string
}

/** A decoded inbound frame. `dataIsString` tells whether `data` arrived as a JSON string. */
export interface ClientFrame {
  event: string
  channel?: string
  data?: unknown
  dataIsString: boolean
}

/** Canonical key order used on the JSON wire. */
export const FRAME_KEYS = [
  'event', 'channel', 'data', 'name', 'user_id', 'tags', 'message_id', 'stream_id', 'serial', 'extras', '__delta_seq', '__conflation_key',
] as const

/** Copies a frame keeping only present keys, in wire order. */
export function orderedFrame(frame: ServerFrame): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const key of FRAME_KEYS) {
    const value = frame[key]
    if (value !== undefined) out[key] = value
  }
  return out
}
