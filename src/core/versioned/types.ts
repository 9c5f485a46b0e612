import type { MessageExtras } from '../protocol/frame'

/** The four versioned-message actions a reducer applies (sockudo-protocol 5.2.0 src/versioned_messages.rs). */
export type VersionedMessageAction = 'message.create' | 'message.update' | 'message.delete' | 'message.append'

/** The minimal event shape the reducer reads; {@link SockudoEvent} from channels fits it. */
export interface VersionedMessageEventLike {
  /** Event name as on the wire. */
  event: string
  /** Payload. Append fragments must still be strings. */
  data?: unknown
  /** Channel. */
  channel?: string
  /** Versioned-message name. */
  name?: string
  /** Message id of the original create. */
  messageId?: string
  /** Delivery serial (exact decimal string). */
  serial?: string
  /** Stream id. */
  streamId?: string
  /** V2 extras; the runtime headers live in `extras.headers`. */
  extras?: MessageExtras
  /** Publisher or version client id. */
  userId?: string
}

/** Version metadata carried by the runtime headers of a versioned-message event. */
export interface VersionedMessageInfo {
  /** The action. */
  action: VersionedMessageAction
  /** Event name as on the wire. */
  event: string
  /** Logical message serial, stable across versions. */
  messageSerial: string
  /** Serial of this version (lexicographically increasing). */
  versionSerial?: string
  /** History serial of the original create (exact decimal string). */
  historySerial?: string
  /** Version timestamp, epoch ms. */
  versionTimestampMs?: number
}

/** The latest known version of one versioned message. */
export interface VersionedMessageState<T = unknown> {
  /** Logical message serial. */
  messageSerial: string
  /** Action of the latest applied version. */
  action: VersionedMessageAction
  /** Current data; `null` when deleted without replacement data. */
  data: T | null
  /** Event name of the latest applied frame. */
  event: string
  /** Logical event name (`name` of update/delete/append frames). */
  name?: string
  /** Delivery serial of the latest applied frame (exact string). */
  serial?: string
  /** Stream id. */
  streamId?: string
  /** Message id of the original create. */
  messageId?: string
  /** Publisher or last version's client id. */
  userId?: string
  /** Serial of the latest applied version. */
  versionSerial?: string
  /** History serial of the original create (exact string). */
  historySerial?: string
  /** Timestamp of the latest applied version, epoch ms. */
  versionTimestampMs?: number
}

/** Options of the reducer. */
export interface VersionedReduceOptions {
  /**
   * The connection's `append_mode`: with `delta` an append carries a fragment that is
   * concatenated; with `full` it carries the whole text and replaces the data.
   * @default 'delta'
   */
  appendMode?: 'delta' | 'full'
}
