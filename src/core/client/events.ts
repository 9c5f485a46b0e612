import type { PresenceMember, SockudoEvent, SubscriptionStateChange } from '../channels/types'
import type { StateChange } from '../connection/connection'
import type { SockudoError } from '../errors'

/** A channel-scoped notification. */
export interface ChannelScoped {
  /** Channel name. */
  channel: string
}

/** V2 `resume_failed` for one channel. */
export interface ResumeFailure extends ChannelScoped {
  /** `stream_reset`, `position_expired`, `continuity_unverifiable` or `persistence_unavailable`. */
  code: string
  /** Server reason, e.g. `recovery_window_exceeded`. */
  reason: string
}

/**
 * Typed events of {@link SockudoClient} (`client.on(…)`): one stream for everything the
 * Vue/Pinia layer mirrors.
 */
export interface ClientEvents {
  /** Connection state changed. */
  state_change: [change: StateChange]
  /** Handshake completed. */
  connected: [info: { socketId: string }]
  /** The next connection attempt starts in `delay` ms. */
  connecting_in: [info: { delay: number }]
  /** A connection-level or unattributed error (close codes, bad frames, server error frames, token errors). */
  error: [error: SockudoError]
  /** Every delivered event, channel and global. */
  event: [event: SockudoEvent]
  /** A channel's subscription state changed. */
  subscription_state: [change: ChannelScoped & SubscriptionStateChange]
  /** A channel's `subscription_count` changed. */
  subscription_count: [info: ChannelScoped & { count: number }]
  /** A channel reported an error (subscription, decryption). */
  channel_error: [info: ChannelScoped & { error: SockudoError }]
  /** Presence member joined. */
  member_added: [info: ChannelScoped & { member: PresenceMember }]
  /** Presence member left. */
  member_removed: [info: ChannelScoped & { member: PresenceMember }]
  /** Presence member info changed (V2). */
  member_updated: [info: ChannelScoped & { member: PresenceMember }]
  /** Presence roster replaced or cleared. */
  members_reset: [info: ChannelScoped & { members: readonly PresenceMember[] }]
  /** Signed in. */
  signed_in: [info: { id: string; userData: Record<string, unknown> }]
  /** V2: resume finished; positions of `recovered` channels were updated. */
  resumed: [info: { recovered: string[]; failed: string[] }]
  /** V2: a channel could not be resumed; its position was dropped (the live subscription continues). */
  resume_failed: [failure: ResumeFailure]
}
