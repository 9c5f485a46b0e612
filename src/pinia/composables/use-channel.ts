import { computed } from 'vue'
import type { ComputedRef, MaybeRefOrGetter, Ref, ShallowRef } from 'vue'
import type { Channel, Unsubscribe } from '../../core'
import { injectSockudo, useChannelHold, useChannelListeners } from '../../vue/internal'
import type { ChannelHoldOptions, ChannelGlobalListener, ChannelListener } from '../../vue/internal'
import type { EventHandler, EventName, EventPayload, HandlerPayload, SockudoComposableOptions, SockudoEvents, Unset } from '../../vue'
import { own } from '../bind/dict'
import { sockudoChannelsStore } from '../stores/channels'
import type { ChannelEntry, ChannelStatus, ErrorInfo } from '../stores/types'

/** Options of {@link useChannel}. */
export interface UseChannelOptions extends SockudoComposableOptions, ChannelHoldOptions {}

/** Return value of {@link useChannel}. */
export interface UseChannelReturn<E extends object = SockudoEvents> {
  /** Channel name currently held; null while disabled or during server rendering. */
  name: Readonly<Ref<string | null>>
  /** Subscription status, from the `sockudo-channels` store. */
  status: ComputedRef<ChannelStatus>
  /** Subscription error (auth, server refusal, conflicting options); null when fine. */
  error: ComputedRef<ErrorInfo | null>
  /** Subscriber count, once the server sends one; else null. */
  subscriptionCount: ComputedRef<number | null>
  /** The store's whole entry for the channel (event count, V2 positions…). */
  entry: ComputedRef<ChannelEntry | null>
  /** The client channel; null while disabled or during server rendering. */
  channel: Readonly<ShallowRef<Channel | null>>
  /**
   * Listens to `event` for as long as the component lives (and across name changes).
   * Returns a function that stops listening earlier.
   */
  on<T = Unset, K extends EventName<E> = EventName<E>>(event: K, handler: EventHandler<HandlerPayload<T, E, K>>): Unsubscribe
  /** Listens to every event of the channel. */
  onAny(listener: ChannelGlobalListener): Unsubscribe
  /**
   * Sends a client event (name must start with `client-`; private/presence channels only).
   * Returns false when it could not be sent (no channel yet, not connected).
   */
  trigger<K extends EventName<E>>(event: K, data: EventPayload<E, K>): boolean
}

/**
 * A shared, reference-counted channel subscription: every component asking for `name`
 * shares one subscription, released `releaseDelay` ms (default 2000) after the last one is
 * gone. A reactive name moves the subscription. Status and counts come from the Pinia store.
 *
 * A second holder asking for a different `filter`/`delta` gets a
 * `ChannelOptionsConflictError` (thrown in development builds, in `error` always).
 */
export function useChannel<E extends object = SockudoEvents>(
  name: MaybeRefOrGetter<string | null | undefined>,
  options: UseChannelOptions = {},
): UseChannelReturn<E> {
  const sockudo = injectSockudo('useChannel', options)
  const store = sockudoChannelsStore(sockudo.name)()
  const hold = useChannelHold(sockudo, name, options)
  const listeners = useChannelListeners(hold.channel)
  const entry = computed(() => (hold.name.value ? (own(store.channels, hold.name.value) ?? null) : null))
  return {
    name: hold.name,
    status: computed(() => entry.value?.status ?? 'unsubscribed'),
    error: computed(() => hold.error.value ?? entry.value?.error ?? null),
    subscriptionCount: computed(() => entry.value?.subscriptionCount ?? null),
    entry,
    channel: hold.channel,
    on: (event, handler) => listeners.on(event, handler as ChannelListener),
    onAny: (listener) => listeners.onAny(listener),
    trigger: (event, data) => hold.channel.value?.trigger(event, data) ?? false,
  }
}
