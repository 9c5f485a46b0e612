import { ref } from 'vue'
import { defineStore } from 'pinia'
import { bindUserStore } from '../bind/user'
import { dict } from '../bind/dict'
import type { ErrorInfo, UserStatus } from './types'
import { perClient } from './per-client'
import { findSockudo, mirror, requireSockudo } from './store-client'

/** Id of the user store. */
export const USER_STORE_ID = 'sockudo-user'

/**
 * Store definition of one client's `sockudo-user` store, id `sockudoStoreId('sockudo-user', client)`:
 * mirror of the signed-in user (`client.signin()`) and of its watchlist: which watched
 * user ids are online. Written only by `src/pinia/bind`.
 */
export const sockudoUserStore = perClient(USER_STORE_ID, (storeId, client) =>
  defineStore(storeId, () => {
    /** Sign-in state; after a reconnect the client signs in again (`signing-in`). */
    const status = mirror(ref<UserStatus>('signed-out'))
    /** User id, once signed in. */
    const id = mirror(ref<string | null>(null))
    /** Parsed `user_data` of the sign-in. */
    const userData = mirror(ref<Record<string, unknown> | null>(null))
    /** Last sign-in error. */
    const error = mirror(ref<ErrorInfo | null>(null))
    /** Watchlist: user id → online. Ids appear on their first online/offline event. */
    const watchlist = mirror(ref<Record<string, boolean>>(dict()))

    const sockudo = findSockudo(client)
    const live = requireSockudo(sockudo, storeId)
    const binding = sockudo ? bindUserStore(sockudo, { status, id, userData, error, watchlist }) : undefined

    /** Signs in through the user authentication endpoint (again after every reconnect). */
    function signin(): void {
      live().client.signin()
      binding?.signinRequested()
    }

    return { status, id, userData, error, watchlist, signin }
  }),
)

/** The store of the `'default'` client (id `sockudo-user`); for a named client use `sockudoUserStore(name)`. */
export const useSockudoUserStore = sockudoUserStore()
