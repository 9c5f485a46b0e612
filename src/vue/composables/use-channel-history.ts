import { computed } from 'vue'
import type { MaybeRefOrGetter, Ref, ShallowRef } from 'vue'
import { fetchChannelHistory } from '../../core'
import type { Channel, HistoryPage, HistoryParams, SockudoError, SockudoEvent } from '../../core'
import type { SockudoContext } from '../plugin/context'
import type { EventName, HandlerPayload, SockudoEvents, Unset } from '../types/events'
import { useChannelHold } from '../util/channel-hold'
import type { ChannelHoldOptions } from '../util/channel-hold'
import { useHistoryFeed } from '../util/history-feed'
import { createItemList, DEFAULT_MAX_ITEMS } from '../util/history-items'
import { injectSockudo } from '../util/inject-sockudo'
import type { SockudoComposableOptions } from '../util/inject-sockudo'

/** Options of {@link useChannelHistory}. */
export interface UseChannelHistoryOptions extends SockudoComposableOptions, ChannelHoldOptions {
  /** Messages per page. The server caps it at the channel's page limit (default 100). @default 50 */
  limit?: number
  /** Only keep messages whose event name is in this list. @default every message */
  events?: readonly string[]
  /**
   * Where stored pages come from: `'socket'` (V2 `channel_history` over the connection) or
   * `'proxy'` (the app's route in the plugin option `versionedMessages`, which signs the REST
   * call; the channel-history proxy of `@sockudo/vue/server` answers the same request).
   * @default 'socket'
   */
  source?: 'socket' | 'proxy'
  /**
   * Most items kept, newest first: older ones (and their serials in the duplicate check) are
   * dropped, so a long-lived feed stays bounded. `loadMore()` adds nothing once it is full.
   * @default 1000
   */
  max?: number
}

/** Return value of {@link useChannelHistory}. */
export interface UseChannelHistoryReturn<P = unknown> {
  /** Stored then live messages, oldest first, without gaps or duplicates. */
  items: Readonly<ShallowRef<readonly SockudoEvent<P>[]>>
  /** Older pages exist. */
  hasMore: Readonly<Ref<boolean>>
  /** A page is being read. */
  loading: Readonly<Ref<boolean>>
  /** Why the last read failed (V1 connection, history disabled, not subscribed…), else null. */
  error: Readonly<Ref<SockudoError | null>>
  /** Reads the next older page and puts it in front. */
  loadMore(): Promise<void>
  /** Reads the newest page again and drops older pages. */
  reload(): Promise<void>
}

/**
 * A channel's stored messages followed by its live ones (protocol V2, history enabled for the
 * channel). On every subscription the newest page is read up to the attach serial
 * (`untilAttach`), live messages received meanwhile are appended after it, and `loadMore()`
 * prepends older pages: the list has no gap and no duplicate. Items are keyed by serial.
 */
export function useChannelHistory<T = Unset, K extends EventName<SockudoEvents> = EventName<SockudoEvents>>(
  name: MaybeRefOrGetter<string | null | undefined>,
  options: UseChannelHistoryOptions = {},
): UseChannelHistoryReturn<HandlerPayload<T, SockudoEvents, K>> {
  type P = HandlerPayload<T, SockudoEvents, K>
  const { limit = 50, events, source = 'socket', max = DEFAULT_MAX_ITEMS } = options
  const sockudo = injectSockudo('useChannelHistory', options)
  const hold = useChannelHold(sockudo, name, options)
  const list = createItemList<P>(max, (event) => !events || events.includes(event.event))
  const read = source === 'proxy' ? proxyReader(sockudo) : undefined
  const feed = useHistoryFeed(hold.channel, list.sink, read ? { limit, history: true, read } : { limit, history: true })
  const items = list.items
  return { items, hasMore: feed.hasMore, loading: feed.loading, error: computed(() => hold.error.value ?? feed.error.value), loadMore: feed.loadMore, reload: feed.reload }
}

/** Reads pages through the app's proxy route (plugin option `versionedMessages`). */
function proxyReader(sockudo: SockudoContext): (channel: Channel, params: HistoryParams) => Promise<HistoryPage> {
  return (channel, params) => {
    // REST history ignores `until_attach`: bound the page by the attach serial instead.
    const bounded: HistoryParams = channel.attachSerial !== undefined && params.untilAttach ? { ...params, endSerial: channel.attachSerial } : params
    return fetchChannelHistory(bounded, { endpoint: '', ...sockudo._settings.versionedMessages, channel: channel.name })
  }
}
