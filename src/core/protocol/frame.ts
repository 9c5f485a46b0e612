/**
 * Envelope types shared by every wire codec. A codec turns wire bytes into an
 * {@link InboundFrame} and an {@link OutboundFrame} into wire bytes; nothing else in
 * the client knows which format is on the wire.
 */

/** Publisher-supplied extras of a V2 broadcast (sockudo-protocol 5.2.0 src/messages.rs). Unknown keys are kept. */
export interface MessageExtras {
  /** Flat map of string/number/bool headers. Keys starting with `sockudo_` are server metadata. */
  headers?: Record<string, string | number | boolean>
  /** Ephemeral messages skip history and recovery. */
  ephemeral?: boolean
  /** Idempotency key the publisher supplied. */
  idempotencyKey?: string
  /** Per-message echo override. */
  echo?: boolean
  /** AI transport/codec metadata (string maps). */
  ai?: { transport?: Record<string, string>; codec?: Record<string, string> }
  /** V2 push payload, passed through. */
  push?: unknown
  /** Ably-compat reference extension. */
  ref?: unknown
  [key: string]: unknown
}

/** One decoded server → client frame. Integer identifiers (serials) are exact decimal strings. */
export interface InboundFrame {
  /** Event name as on the wire (prefix included). */
  event: string
  /** Channel, for channel-scoped frames. */
  channel?: string
  /**
   * Payload as the server sent it: a string (often JSON-encoded, "double encoded"),
   * a structured value, a `Uint8Array` for binary data, or `undefined` when absent.
   */
  data?: unknown
  /** Versioned-message name. */
  name?: string
  /** Publisher identity, when the server provides it. */
  userId?: string
  /** V2 message id (UUID or publisher supplied). */
  messageId?: string
  /** V2 per-channel serial, exact decimal string (may exceed 2^53). */
  serial?: string
  /** V2 continuity stream id. */
  streamId?: string
  /** V2 publisher extras. */
  extras?: MessageExtras
  /** V2 tags (top level, sorted keys). */
  tags?: Record<string, string>
  /** Delta sequence of a full message in a delta stream (`__delta_seq`). */
  deltaSequence?: number
  /** Conflation key value of a full message in a delta stream (`__conflation_key`). */
  conflationKey?: string
  /**
   * The exact JSON text of the whole frame when it arrived as JSON text. Delta bases are
   * computed over it (sockudo-delta 5.2.0 src/manager.rs); absent for binary frames.
   */
  raw?: string
  /** Top-level keys this client does not know, kept for forward compatibility. */
  unknown?: Record<string, unknown>
}

/** One client → server frame. */
export interface OutboundFrame {
  /** Event name with the connection's prefix (or `client-…`). */
  event: string
  /** Payload: objects for protocol frames, strings where the spec asks for JSON strings. */
  data?: unknown
  /** Channel, for channel-scoped frames. */
  channel?: string
}
