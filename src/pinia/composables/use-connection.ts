import { computed } from 'vue'
import type { ComputedRef } from 'vue'
import type { ConnectionState } from '../../core'
import { injectSockudo, isServerRendering } from '../../vue/internal'
import type { SockudoComposableOptions } from '../../vue'
import { sockudoConnectionStore } from '../stores/connection'
import type { ErrorInfo } from '../stores/types'

/** Options of {@link useConnection}. */
export type UseConnectionOptions = SockudoComposableOptions

/** Return value of {@link useConnection}. */
export interface UseConnectionReturn {
  /** Connection state: initialized, connecting, connected, unavailable, failed or disconnected. */
  state: ComputedRef<ConnectionState>
  /** True while connected. */
  isConnected: ComputedRef<boolean>
  /** Socket id while connected, else null. */
  socketId: ComputedRef<string | null>
  /** Last connection error (plain data); null after a successful (re)connect. */
  error: ComputedRef<ErrorInfo | null>
  /** Reconnect attempts since the last successful connection. */
  reconnectAttempt: ComputedRef<number>
  /** Opens the connection. Does nothing during server rendering. */
  connect(): void
  /** Closes the connection and stops reconnecting. Does nothing during server rendering. */
  disconnect(): void
}

/** The connection's state, mirrored from the `sockudo-connection` store, with connect/disconnect. */
export function useConnection(options: UseConnectionOptions = {}): UseConnectionReturn {
  const sockudo = injectSockudo('useConnection', options)
  const store = sockudoConnectionStore(sockudo.name)()
  const inert = isServerRendering()
  return {
    state: computed(() => store.state),
    isConnected: computed(() => store.state === 'connected'),
    socketId: computed(() => store.socketId),
    error: computed(() => store.error),
    reconnectAttempt: computed(() => store.reconnectAttempt),
    connect: () => void (inert || store.connect()),
    disconnect: () => void (inert || store.disconnect()),
  }
}
