import type { Unsubscribe } from '../../core'
import type { SockudoContext } from '../../vue'
import { tryOnScopeDispose } from '../../vue/internal'

/**
 * Runs every `offs` once, when the store's scope is disposed (`store.$dispose()`) or the
 * Sockudo instance is disposed, whichever comes first.
 */
export function untilDisposed(sockudo: SockudoContext, offs: Unsubscribe[]): void {
  let done = false
  const stop = (): void => {
    if (done) return
    done = true
    removeHook()
    for (const off of offs.splice(0)) off()
  }
  const removeHook = sockudo._onDispose(stop)
  tryOnScopeDispose(stop)
}
