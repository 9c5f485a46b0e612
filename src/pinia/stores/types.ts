import type { ConnectionState, DeltaStats, ErrorCode } from '../../core'

/**
 * A {@link SockudoError} as plain data, so store state stays serializable (SSR payloads,
 * devtools): the class instance itself never enters a store.
 */
export interface ErrorInfo {
  /** Error class name, e.g. `AuthError`. */
  name: string
  /** Stable machine-readable code, `area/what`. */
  code: ErrorCode
  /** Human-readable message. */
  message: string
  /** Whether retrying the same operation may succeed. */
  retryable: boolean
  /** HTTP status, when an HTTP call (auth endpoint, proxy) failed. */
  status?: number
  /** WebSocket close code, when the server closed the socket. */
  closeCode?: number
  /** Numeric code of a server `error` frame. */
  serverCode?: number
  /** Code the server gave in an HTTP error body, e.g. `forbidden_origin` (its message is `message`). */
  serverErrorCode?: string
  /** Channel the error concerns. */
  channel?: string
}

/** Subscription status of a channel, as the client reports it. */
export type ChannelStatus = 'subscribing' | 'subscribed' | 'failed' | 'unsubscribed'

/** V2 recovery position of a channel; the serial is an exact decimal string. */
export interface RecoveryPositionInfo {
  /** Per-channel continuity token. */
  streamId?: string
  /** Serial of the last message, exact decimal string. */
  serial: string
  /** Message id of the last message. */
  lastMessageId?: string
}

/** Mirror of one channel in the `sockudo-channels` store. */
export interface ChannelEntry {
  /** Channel name. */
  name: string
  /** Subscription status. */
  status: ChannelStatus
  /** Last subscription error (auth, server refusal), cleared on success. */
  error: ErrorInfo | null
  /** Subscriber count from `subscription_count` events; null until the server sends one. */
  subscriptionCount: number | null
  /** Application events received since the entry was created. */
  eventCount: number
  /** Name of the last application event. */
  lastEventName: string | null
  /**
   * When the last application event arrived, ms since the epoch. Read when the store takes in a
   * batch of events (one macrotask after the batch's last event), not once per event.
   */
  lastEventAt: number | null
  /** V2 history head at attach time, exact decimal string. */
  attachSerial: string | null
  /** V2 recovery position. */
  recoveryPosition: RecoveryPositionInfo | null
  /** V2 subscription filter the channel was subscribed with. */
  filter: unknown
  /** Per-subscription delta setting the channel was subscribed with. */
  delta: unknown
  /** How many composables hold the channel (0 during the release grace period). */
  holders: number
}

/** One presence member. */
export interface PresenceMemberEntry<Info = unknown> {
  /** User id. */
  id: string
  /** The member's `user_info`. */
  info: Info
}

/** Mirror of one presence channel's roster in the `sockudo-presence` store. */
export interface PresenceRoster<Info = unknown> {
  /** Members keyed by user id. */
  members: Record<string, PresenceMemberEntry<Info>>
  /** This client's user id on the channel, once subscribed. */
  me: string | null
  /** Number of members. */
  count: number
}

/** Outcome of the last resume of one channel (V2 connection recovery). */
export interface ResumeResultInfo {
  /** `recovered`: the server replayed the gap; `failed`: it could not (the position was dropped). */
  status: 'recovered' | 'failed'
  /** Server code of a failure (`stream_reset`, `position_expired`, …); null when recovered or not given. */
  code: string | null
  /** Server reason of a failure (e.g. `recovery_window_exceeded`); null when recovered or not given. */
  reason: string | null
  /** When the answer arrived, ms since the epoch. */
  at: number
}

/** The last resume exchange of the connection. */
export interface ResumeSummary {
  /** When `resume_success` arrived, ms since the epoch. */
  at: number
  /** Channels the server replayed. */
  recovered: string[]
  /** Channels it could not resume. */
  failed: string[]
}

/** The connection state, re-exported for store users. */
export type { ConnectionState, DeltaStats }

/** Sign-in state of the connection's user. */
export type UserStatus = 'signed-out' | 'signing-in' | 'signed-in' | 'failed'
