import { ref } from 'vue'
import { defineStore } from 'pinia'
import { PresenceChannel } from '../../core'
import { SockudoVueError } from '../../vue'
import { bindPresenceStore } from '../bind/presence'
import { dict } from '../bind/dict'
import type { PresenceRoster } from './types'
import { perClient } from './per-client'
import { findSockudo, mirror, requireSockudo } from './store-client'

/** Id of the presence store. */
export const PRESENCE_STORE_ID = 'sockudo-presence'

/**
 * Store definition of one client's `sockudo-presence` store, id `sockudoStoreId('sockudo-presence', client)`:
 * mirror of every presence roster, keyed by channel name. Members are keyed by user id and
 * changed one at a time (join, leave, update), never rebuilt. Written only by `src/pinia/bind`.
 */
export const sockudoPresenceStore = perClient(PRESENCE_STORE_ID, (storeId, client) =>
  defineStore(storeId, () => {
    /** Rosters keyed by presence channel name. */
    const rosters = mirror(ref<Record<string, PresenceRoster>>(dict()))

    const sockudo = findSockudo(client)
    const live = requireSockudo(sockudo, storeId)
    if (sockudo) bindPresenceStore(sockudo, { rosters })

    /** Replaces this client's `user_info` on `channel` (protocol V2). */
    function update(channel: string, info: unknown): void {
      const found = live().client.channel(channel)
      if (!(found instanceof PresenceChannel)) {
        throw new SockudoVueError('vue/not-presence-channel', __DEV__
      ? `[sockudo] update('${channel}') needs a subscribed presence channel (a name starting with 'presence-').`
      : 'vue/not-presence-channel')
      }
      found.update(info)
    }

    return { rosters, update }
  }),
)

/** The store of the `'default'` client (id `sockudo-presence`); for a named client use `sockudoPresenceStore(name)`. */
export const useSockudoPresenceStore = sockudoPresenceStore()
