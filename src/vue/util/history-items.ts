import { shallowRef, triggerRef } from 'vue'
import type { ShallowRef } from 'vue'
import { compareSerials } from '../../core'
import type { SockudoEvent } from '../../core'
import type { HistoryFeedSink } from './history-feed'

/** Default of `useChannelHistory({ max })`. @internal */
export const DEFAULT_MAX_ITEMS = 1000

/** A serial-ordered, duplicate-free, bounded list of events and the sink that fills it. @internal */
export interface ItemList<P> {
  items: ShallowRef<SockudoEvent<P>[]>
  sink: HistoryFeedSink
}

/**
 * Keeps events keyed by serial: no duplicate, oldest first, at most `max` (the oldest go, and
 * their serials leave the duplicate check with them, so both stay bounded).
 * @internal
 */
export function createItemList<P>(max: number, wanted: (event: SockudoEvent) => boolean): ItemList<P> {
  const limit = Math.max(1, Math.floor(max))
  const items = shallowRef<SockudoEvent<P>[]>([])
  const seen = new Set<string>()
  const fresh = (events: SockudoEvent[]): SockudoEvent<P>[] =>
    events.filter((e) => e.serial !== undefined && !seen.has(e.serial) && wanted(e) && seen.add(e.serial)) as SockudoEvent<P>[]
  const bound = (list: SockudoEvent<P>[]): SockudoEvent<P>[] => {
    if (list.length <= limit) return list
    for (const dropped of list.slice(0, list.length - limit)) seen.delete(dropped.serial!)
    return list.slice(list.length - limit)
  }
  const sink: HistoryFeedSink = {
    reset: () => {
      seen.clear()
      items.value = []
    },
    history: (page, older) => {
      const added = fresh(page)
      items.value = bound(older ? [...added, ...items.value] : [...items.value, ...added])
    },
    live: (event) => {
      if (fresh([event]).length === 0) return
      items.value.push(event as SockudoEvent<P>)
      if (items.value.length > limit) items.value = bound(items.value)
      else triggerRef(items)
    },
    merge: (events) => {
      const added = fresh(events)
      if (added.length === 0) return
      items.value = bound([...items.value, ...added].sort((a, b) => compareSerials(a.serial!, b.serial!)))
    },
    newest: () => items.value.at(-1)?.serial,
  }
  return { items, sink }
}
