import type { SockudoError } from '../errors'
import type { EventMetadata, SockudoEvent } from '../message/types'

export type { EventMetadata, SockudoEvent }

/** Subscription state of a channel. */
export type SubscriptionState = 'unsubscribed' | 'subscribing' | 'subscribed' | 'failed'

/** `bind` callback. */
export type EventCallback<T = unknown> = (data: T, metadata: EventMetadata) => void
/** `bindGlobal` callback: every event with its name and the whole {@link SockudoEvent}. */
export type GlobalCallback = (eventName: string, data: unknown, event: SockudoEvent) => void

/** A presence member. */
export interface PresenceMember<Info = unknown> {
  /** User id (`channel_data.user_id`). */
  id: string
  /** `user_info` (defaults to `{}`). */
  info: Info
}

/** A subscription state change. */
export interface SubscriptionStateChange {
  previous: SubscriptionState
  current: SubscriptionState
  /** Why the subscription failed, when `current` is `failed`. */
  error?: SockudoError
}

/** Result of a subscribe-time rewind (`rewind_complete`). */
export interface RewindResult {
  historicalCount: number
  liveCount: number
  complete: boolean
  truncatedByRetention: boolean
  truncatedByLimit: boolean
}

/** Typed events of a channel (`channel.on(…)`). */
export interface ChannelEvents {
  /** Subscription state changed. */
  state_change: [change: SubscriptionStateChange]
  /** Something went wrong on this channel (subscription, decryption, trigger). */
  error: [error: SockudoError]
  /** `subscription_count` update. */
  subscription_count: [count: number]
  /** Every delivered event (application and client events). */
  event: [event: SockudoEvent]
  /** Presence: a member joined. */
  member_added: [member: PresenceMember]
  /** Presence: a member left. */
  member_removed: [member: PresenceMember]
  /** Presence (V2): a member's info changed. */
  member_updated: [member: PresenceMember]
  /** Presence: the roster was replaced (subscription succeeded) or cleared (disconnect). */
  members_reset: [members: readonly PresenceMember[]]
  /** V2: a subscribe-time rewind finished. */
  rewind_complete: [result: RewindResult]
}

/** Per-subscription delta setting (sockudo-delta 5.2.0 src/manager.rs), passed to the server as given. */
export type DeltaSubscribeOption = boolean | 'fossil' | 'xdelta3' | { enabled?: boolean; algorithm?: 'fossil' | 'xdelta3' }

/** Subscribe-time rewind (V2): last N messages, or messages of the last S seconds. */
export type RewindOption = number | { count: number } | { seconds: number }

/** Options of `client.subscribe(name, options)`. Sockudo-native fields are V2 features. */
export interface SubscribeOptions {
  /**
   * Server-side filter (`filter` in the subscribe frame): `{events?, tags?, expression?}`
   * or a bare tag filter node. Applied by the server to V2 connections only.
   */
  filter?: Record<string, unknown>
  /** Legacy tags-only filter (`tags_filter`); `filter` wins when both are set. */
  tagsFilter?: Record<string, unknown>
  /** Per-subscription delta compression. */
  delta?: DeltaSubscribeOption
  /**
   * V2 rewind: replay history on subscribe. Sent on the first subscribe, and on
   * re-subscribes only when no recovery position exists for the channel (resume covers it).
   */
  rewind?: RewindOption
  /** Subscription modes, e.g. `['SUBSCRIBE','ANNOTATION_SUBSCRIBE']`. */
  modes?: string[]
}
