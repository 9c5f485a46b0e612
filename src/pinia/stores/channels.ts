import { ref } from 'vue'
import { defineStore } from 'pinia'
import { bindChannelsStore } from '../bind/channels'
import { dict } from '../bind/dict'
import type { ChannelEntry } from './types'
import { perClient } from './per-client'
import { findSockudo, mirror, requireSockudo } from './store-client'

/** Id of the channels store. */
export const CHANNELS_STORE_ID = 'sockudo-channels'

/**
 * Store definition of one client's `sockudo-channels` store, id `sockudoStoreId('sockudo-channels', client)`:
 * mirror of every channel the client knows, keyed by name: status, error, counts, V2
 * positions and the settings it was subscribed with. Written only by `src/pinia/bind`.
 */
export const sockudoChannelsStore = perClient(CHANNELS_STORE_ID, (storeId, client) =>
  defineStore(storeId, () => {
    /** Channels keyed by name. */
    const channels = mirror(ref<Record<string, ChannelEntry>>(dict()))

    const sockudo = findSockudo(client)
    const live = requireSockudo(sockudo, storeId)
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
  }),
)

/** The store of the `'default'` client (id `sockudo-channels`); for a named client use `sockudoChannelsStore(name)`. */
export const useSockudoChannelsStore = sockudoChannelsStore()
