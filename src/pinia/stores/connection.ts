import { ref } from 'vue'
import { defineStore } from 'pinia'
import { bindConnectionStore } from '../bind/connection'
import type { ConnectionState, DeltaStats, ErrorInfo } from './types'
import { perClient } from './per-client'
import { findSockudo, mirror, requireSockudo } from './store-client'

/** Id of the connection store. */
export const CONNECTION_STORE_ID = 'sockudo-connection'

/**
 * Store definition of one client's `sockudo-connection` store, id `sockudoStoreId('sockudo-connection', client)`:
 * mirror of the client's connection: state, socket id, last error, reconnect attempt,
 * protocol version and delta statistics. Written only by `src/pinia/bind`; actions
 * delegate to the client.
 */
export const sockudoConnectionStore = perClient(CONNECTION_STORE_ID, (storeId, client) =>
  defineStore(storeId, () => {
    /** Connection state (Pusher's names). */
    const state = mirror(ref<ConnectionState>('initialized'))
    /** State before the last change; null before the first. */
    const previousState = mirror(ref<ConnectionState | null>(null))
    /** Socket id while connected. */
    const socketId = mirror(ref<string | null>(null))
    /** Last connection-level error; cleared when connected again. */
    const error = mirror(ref<ErrorInfo | null>(null))
    /** Reconnect attempts since the last successful connection. */
    const reconnectAttempt = mirror(ref(0))
    /** Delay before the next connection attempt, in ms; null when none is scheduled. */
    const retryIn = mirror(ref<number | null>(null))
    /** Protocol version of the client (1 = Pusher, 2 = Sockudo). */
    const protocolVersion = mirror(ref<number>(1))
    /** Delta-compression counters; null when delta compression is off. */
    const deltaStats = mirror(ref<DeltaStats | null>(null))

    const sockudo = findSockudo(client)
    const live = requireSockudo(sockudo, storeId)
    if (sockudo) {
      bindConnectionStore(sockudo, { state, previousState, socketId, error, reconnectAttempt, retryIn, protocolVersion, deltaStats })
    }

    /** Opens the connection (no-op when already open or connecting). */
    function connect(): void {
      live().client.connect()
    }
    /** Closes the connection and stops reconnecting. */
    function disconnect(): void {
      live().client.disconnect()
    }

    return { state, previousState, socketId, error, reconnectAttempt, retryIn, protocolVersion, deltaStats, connect, disconnect }
  }),
)

/** The store of the `'default'` client (id `sockudo-connection`); for a named client use `sockudoConnectionStore(name)`. */
export const useSockudoConnectionStore = sockudoConnectionStore()
