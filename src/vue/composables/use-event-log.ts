import { shallowRef, triggerRef } from 'vue'
import type { MaybeRefOrGetter, ShallowRef } from 'vue'
import type { EventMetadata, SockudoError } from '../../core'
import { toMetadata } from '../../core/message/event'
import { createProtocolNames } from '../../core/protocol/names'
import type { EventName, HandlerPayload, SockudoEvents, Unset } from '../types/events'
import { useChannelHold } from '../util/channel-hold'
import type { ChannelHoldOptions } from '../util/channel-hold'
import { useChannelListeners } from '../util/channel-handlers'
import { injectSockudo } from '../util/inject-sockudo'
import type { SockudoComposableOptions } from '../util/inject-sockudo'

/** One logged event. */
export interface EventLogEntry<P> {
  /** Event name. */
  event: string
  /** Payload. */
  data: P
  /** Per-event metadata. */
  metadata: EventMetadata
  /** When it arrived, ms since the epoch. */
  receivedAt: number
}

/** Options of {@link useEventLog}. */
export interface UseEventLogOptions extends SockudoComposableOptions, ChannelHoldOptions {
  /** Entries kept; older ones are dropped first. @default 100 */
  max?: number
  /**
   * With `'*'`, also log protocol events (`pusher:*`, `pusher_internal:*`, `sockudo:*`,
   * `sockudo_internal:*`, e.g. `pusher_internal:subscription_succeeded`); without it the log
   * holds only application and client events.
   * @default false
   */
  includeProtocol?: boolean
}

/** Return value of {@link useEventLog}. */
export interface UseEventLogReturn<P> {
  /** Logged events, oldest first, at most `max`. */
  events: Readonly<ShallowRef<readonly EventLogEntry<P>[]>>
  /** Why the channel could not be held, else null. */
  error: Readonly<ShallowRef<SockudoError | null>>
  /** Empties the log. */
  clear(): void
}

/** Either protocol's names recognise all four protocol prefixes. */
const protocolNames = createProtocolNames(1)

/**
 * Keeps the last `max` occurrences of `event` on channel `name` (`'*'` logs every application
 * and client event of the channel; protocol events only with `includeProtocol`). Shares the
 * channel's subscription with the other composables.
 */
export function useEventLog<T = Unset, K extends EventName<SockudoEvents> = EventName<SockudoEvents>>(
  name: MaybeRefOrGetter<string | null | undefined>,
  event: K,
  options: UseEventLogOptions = {},
): UseEventLogReturn<HandlerPayload<T, SockudoEvents, K>> {
  type P = HandlerPayload<T, SockudoEvents, K>
  const { max = 100, includeProtocol = false } = options
  const sockudo = injectSockudo('useEventLog', options)
  const hold = useChannelHold(sockudo, name, options)
  const listeners = useChannelListeners(hold.channel)
  const events = shallowRef<EventLogEntry<P>[]>([])
  const push = (entry: EventLogEntry<P>): void => {
    const list = events.value
    list.push(entry)
    if (list.length > max) list.splice(0, list.length - max)
    triggerRef(events)
  }
  if (event === '*') {
    listeners.onAny((eventName, data, message) => {
      if (!includeProtocol && protocolNames.canonical(eventName) !== null) return
      push({ event: eventName, data: data as P, metadata: toMetadata(message), receivedAt: Date.now() })
    })
  } else {
    listeners.on(event, (data, metadata) => push({ event, data: data as P, metadata, receivedAt: Date.now() }))
  }
  return { events, error: hold.error, clear: () => (events.value = []) }
}
