import { ref } from 'vue'
import { defineStore } from 'pinia'
import { bindChannelsStore } from '../bind/channels'
import type { ChannelEntry } from './types'
import { findSockudo, mirror, requireSockudo } from './use-sockudo'

/** Id of the channels store. */
export const CHANNELS_STORE_ID = 'sockudo-channels'

/**
 * Mirror of every channel the client knows, keyed by name: status, error, counts, V2
 * positions and the settings it was subscribed with. Written only by `src/pinia/bind`.
 */
export const useSockudoChannelsStore = defineStore(CHANNELS_STORE_ID, () => {
  /** Channels keyed by name. */
  const channels = mirror(ref<Record<string, ChannelEntry>>({}))

  const sockudo = findSockudo()
  const live = requireSockudo(sockudo, CHANNELS_STORE_ID)
  if (sockudo) bindChannelsStore(sockudo, { channels })

  /**
   * Subscribes through the client, outside the composables' reference counting: the
   * channel stays until {@link unsubscribe} is called.
   */
  function subscribe(name: string): void {
    live().client.subscribe(name)
  }
  /** Unsubscribes through the client. */
  function unsubscribe(name: string): void {
    live().client.unsubscribe(name)
  }

  return { channels, subscribe, unsubscribe }
})
