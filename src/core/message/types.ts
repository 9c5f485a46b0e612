import type { MessageExtras } from '../protocol/frame'

/**
 * One delivered event. `data` is parsed (JSON strings become values; encrypted payloads
 * are decrypted). Serials are exact decimal strings.
 */
export interface SockudoEvent<T = unknown> {
  /** Event name as on the wire. */
  event: string
  /** Channel, for channel events. */
  channel?: string
  /** Parsed payload. */
  data: T
  /** V2 message id. */
  messageId?: string
  /** V2 per-channel serial (exact decimal string). */
  serial?: string
  /** V2 continuity stream id. */
  streamId?: string
  /** V2 publisher extras. */
  extras?: MessageExtras
  /** Publisher identity, when the server provides it. */
  userId?: string
  /** V2 tags. */
  tags?: Record<string, string>
  /** Versioned-message name. */
  name?: string
}

/** Second argument of `bind` callbacks: what the server said about the event besides its data. */
export interface EventMetadata {
  /** Publisher identity (pusher-js name), when the server provides it. */
  user_id?: string
  /** V2 message id. */
  messageId?: string
  /** V2 serial (exact decimal string). */
  serial?: string
  /** V2 stream id. */
  streamId?: string
  /** V2 extras. */
  extras?: MessageExtras
  /** V2 tags. */
  tags?: Record<string, string>
}
