import type { ChannelAuthorizer } from '../auth/authorizers'
import type { Secretbox } from '../crypto/secretbox'
import type { OutboundFrame } from '../protocol/frame'
import type { ProtocolNames } from '../protocol/names'
import type { RequestTracker } from '../protocol/request-tracker'
import type { Clock } from '../util/clock'
import type { HistoryPage, HistoryParams } from '../history/types'
import type { ChannelEvents, SockudoEvent } from './types'

/** What a channel needs from the client. Not exported from any entry, but the channel classes name it, so it must stay in their .d.ts (no internal tag). */
export interface ChannelContext {
  readonly names: ProtocolNames
  readonly clock: Clock
  /** ms to wait for `subscription_succeeded` after sending subscribe. */
  readonly subscriptionTimeout: number
  /** Whether the client decodes deltas (`deltaCompression` or `deltaStage` is set). */
  readonly deltaOn: boolean
  readonly tracker: RequestTracker
  send(frame: OutboundFrame): boolean
  socketId(): string | undefined
  authorize: ChannelAuthorizer
  secretbox(): Promise<Secretbox>
  /** Whether recovery holds a position for the channel (then rewind is not repeated). */
  hasRecoveryPosition(channel: string): boolean
  /** V2 `channel_history` over the socket. */
  history(channel: string, params: HistoryParams): Promise<HistoryPage>
  /** Hands a delivered event to the client-level callbacks and `event` listeners. */
  deliver(event: SockudoEvent): void
  /** Mirrors the channel's other events to client-level listeners. */
  notify<K extends keyof ChannelEvents>(channel: string, event: K, ...args: ChannelEvents[K]): void
}
