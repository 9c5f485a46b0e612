import { computed, shallowRef, triggerRef } from 'vue'
import type { MaybeRefOrGetter, Ref, ShallowRef } from 'vue'
import type { SockudoError, SockudoEvent } from '../../core'
import type { EventName, HandlerPayload, SockudoEvents, Unset } from '../types/events'
import { useChannelHold } from '../util/channel-hold'
import type { ChannelHoldOptions } from '../util/channel-hold'
import { useHistoryFeed } from '../util/history-feed'
import { injectSockudo } from '../util/inject-sockudo'
import type { SockudoComposableOptions } from '../util/inject-sockudo'

/** Options of {@link useChannelHistory}. */
export interface UseChannelHistoryOptions extends SockudoComposableOptions, ChannelHoldOptions {
  /** Messages per page. The server caps it at the channel's page limit (default 100). @default 50 */
  limit?: number
  /** Only keep messages whose event name is in this list. @default every message */
  events?: readonly string[]
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
  const { limit = 50, events } = options
  const sockudo = injectSockudo('useChannelHistory', options)
  const hold = useChannelHold(sockudo, name, options)
  const items = shallowRef<SockudoEvent<P>[]>([])
  const seen = new Set<string>()
  const keep = (event: SockudoEvent): boolean => {
    if (event.serial === undefined || seen.has(event.serial)) return false
    if (events && !events.includes(event.event)) return false
    seen.add(event.serial)
    return true
  }
  const feed = useHistoryFeed(
    hold.channel,
    {
      reset: () => {
        seen.clear()
        items.value = []
      },
      history: (page, older) => {
        const fresh = page.filter(keep) as SockudoEvent<P>[]
        items.value = older ? [...fresh, ...items.value] : [...items.value, ...fresh]
      },
      live: (event) => {
        if (!keep(event)) return
        items.value.push(event as SockudoEvent<P>)
        triggerRef(items)
      },
    },
    { limit, history: true },
  )
  return { items, hasMore: feed.hasMore, loading: feed.loading, error: computed(() => hold.error.value ?? feed.error.value), loadMore: feed.loadMore, reload: feed.reload }
}
