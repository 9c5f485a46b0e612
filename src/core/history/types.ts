import type { SockudoEvent } from '../message/types'

/** Parameters of `channel.channelHistory()` (sockudo-adapter 5.2.0 src/handler/history_frames.rs). */
export interface HistoryParams {
  /** Page size (server caps it at 1000 and the channel's page limit, default 100). @default 100 */
  limit?: number
  /** Order of the page. @default 'newest_first' */
  direction?: 'newest_first' | 'oldest_first'
  /** Opaque cursor from a previous page. */
  cursor?: string
  /** Only messages up to the attach serial of this subscription (gap-free with live delivery). @default false */
  untilAttach?: boolean
  /** Lower serial bound (inclusive), exact decimal string or safe integer. */
  startSerial?: string | number
  /** Upper serial bound (inclusive). */
  endSerial?: string | number
  /** Lower time bound, ms since the epoch. */
  startTimeMs?: number
  /** Upper time bound, ms since the epoch. */
  endTimeMs?: number
}

/** One stored message. */
export interface HistoryItem {
  /** The stored message as an event (data parsed; not decrypted). */
  event: SockudoEvent
  /** Serial (exact decimal string). */
  serial?: string
  /** Stream id. */
  streamId?: string
  /** Publish time, ms since the epoch. */
  publishedAtMs?: number
}

/** One page of channel history. */
export interface HistoryPage {
  /** Messages of this page. */
  items: HistoryItem[]
  /** More pages exist. */
  hasMore: boolean
  /** Cursor of the next page. */
  nextCursor?: string
  /** Attach serial of this subscription, when recorded. */
  attachSerial?: string
  /** Raw `bounds`, `continuity` and `stream_state` objects. */
  meta: { bounds?: unknown; continuity?: unknown; streamState?: unknown }
  /** Fetches the next page with the same parameters, or resolves null when there is none. */
  next(): Promise<HistoryPage | null>
}
