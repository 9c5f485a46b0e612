import { hasInjectionContext, inject } from 'vue'
import { skipHydrate } from 'pinia'
import { SockudoKey, SockudoVueError } from '../../vue'
import type { SockudoContext } from '../../vue'

/**
 * The Sockudo instance of the app a store lives in (stores are created inside the app's
 * injection context by Pinia), or null when Pinia is used without an app.
 * @internal
 */
export function findSockudo(): SockudoContext | null {
  return hasInjectionContext() ? inject(SockudoKey, null) : null
}

/** A getter that fails with an install hint when the store has no Sockudo instance. @internal */
export function requireSockudo(sockudo: SockudoContext | null, storeId: string): () => SockudoContext {
  return () => {
    if (sockudo && !sockudo.disposed) return sockudo
    throw new SockudoVueError(
      sockudo ? 'vue/disposed' : 'vue/not-installed',
      `[sockudo] Store '${storeId}' has no ${sockudo ? 'live' : ''} Sockudo client: ` +
        `install the plugin on the same app as Pinia (app.use(createPinia()); app.use(SockudoPlugin, { key }))` +
        (sockudo ? ' and do not use the store after dispose().' : '.'),
    )
  }
}

/**
 * Marks mirrored state: it always comes from the live client (bind writes it when the store
 * is created), so Pinia must not overwrite it with a server payload on hydration.
 * @internal
 */
export function mirror<T extends object>(state: T): T {
  return skipHydrate(state)
}
