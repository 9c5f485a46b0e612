import type { MaybeRefOrGetter, Ref, ShallowRef } from 'vue'
import type { Channel, EventMetadata, SockudoError, Unsubscribe } from '../../core'
import type { EventName, HandlerPayload, SockudoEvents, Unset } from '../types/events'
import { useChannelHold } from '../util/channel-hold'
import type { ChannelHoldOptions } from '../util/channel-hold'
import { useChannelListeners } from '../util/channel-handlers'
import type { ChannelListener } from '../util/channel-handlers'
import { injectSockudo } from '../util/inject-sockudo'
import type { SockudoComposableOptions } from '../util/inject-sockudo'

/** A typed channel event handler. */
export type EventHandler<P> = (data: P, metadata: EventMetadata) => void

/** Options of {@link useChannelEvent}. */
export interface UseChannelEventOptions extends SockudoComposableOptions, ChannelHoldOptions {}

/** Return value of {@link useChannelEvent}. */
export interface UseChannelEventReturn {
  /** The held channel; null while disabled or during server rendering. */
  channel: Readonly<ShallowRef<Channel | null>>
  /** The channel name currently held. */
  name: Readonly<Ref<string | null>>
  /** Why the channel could not be held (conflicting options), else null. */
  error: Readonly<ShallowRef<SockudoError | null>>
  /** Stops listening (the channel hold itself ends with the component). */
  stop: Unsubscribe
}

/**
 * Calls `handler` for every `event` on channel `name` while the component lives. The channel
 * is the shared, reference-counted subscription of {@link useChannel}; a reactive name moves
 * the listener. The payload type comes from {@link SockudoEvents}, or from an explicit
 * generic: `useChannelEvent<Order>('orders', 'order.updated', (order) => …)`.
 */
export function useChannelEvent<T = Unset, K extends EventName<SockudoEvents> = EventName<SockudoEvents>>(
  name: MaybeRefOrGetter<string | null | undefined>,
  event: K,
  handler: EventHandler<HandlerPayload<T, SockudoEvents, K>>,
  options: UseChannelEventOptions = {},
): UseChannelEventReturn {
  const sockudo = injectSockudo('useChannelEvent', options)
  const hold = useChannelHold(sockudo, name, options)
  const listeners = useChannelListeners(hold.channel)
  const stop = listeners.on(event, handler as ChannelListener)
  return { channel: hold.channel, name: hold.name, error: hold.error, stop }
}
