import type { Ref } from 'vue'
import type { ConnectionState } from '../../core'
import type { SockudoContext } from '../../vue'
import type { DeltaStats, ErrorInfo } from '../stores/types'
import { toErrorInfo } from './error-info'
import { untilDisposed } from './lifecycle'

/** The state refs of the connection store, as bind writes them. @internal */
export interface ConnectionStoreRefs {
  state: Ref<ConnectionState>
  previousState: Ref<ConnectionState | null>
  socketId: Ref<string | null>
  error: Ref<ErrorInfo | null>
  reconnectAttempt: Ref<number>
  retryIn: Ref<number | null>
  protocolVersion: Ref<number>
  deltaStats: Ref<DeltaStats | null>
}

/** Mirrors the client's connection into the connection store until either is disposed. @internal */
export function bindConnectionStore(sockudo: SockudoContext, refs: ConnectionStoreRefs): void {
  const { client } = sockudo
  const connection = client.connection
  refs.state.value = connection.state
  refs.socketId.value = connection.socketId ?? null
  refs.protocolVersion.value = client.protocolVersion
  refs.deltaStats.value = sockudo._deltaStats()
  let timer: ReturnType<typeof setTimeout> | undefined
  const writeStats = (): void => {
    timer = undefined
    refs.deltaStats.value = sockudo._deltaStats()
  }
  untilDisposed(sockudo, [
    client.on('state_change', ({ previous, current }) => {
      refs.previousState.value = previous
      refs.state.value = current
      refs.socketId.value = current === 'connected' ? (connection.socketId ?? null) : null
      if (current === 'connected') {
        refs.deltaStats.value = sockudo._deltaStats()
        refs.error.value = null
        refs.reconnectAttempt.value = 0
        refs.retryIn.value = null
      }
    }),
    connection.bind('connecting_in', ({ delay }) => {
      refs.reconnectAttempt.value++
      refs.retryIn.value = delay
    }),
    client.on('error', (error) => {
      refs.error.value = toErrorInfo(error)
    }),
    // One snapshot per macrotask at most, not one per event: the store only needs to be
    // current by the time anything renders.
    client.on('event', () => {
      timer ??= setTimeout(writeStats, 0)
    }),
    () => clearTimeout(timer),
  ])
}
