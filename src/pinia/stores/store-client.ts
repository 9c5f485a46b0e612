import { hasInjectionContext, inject } from 'vue'
import { skipHydrate } from 'pinia'
import { DEFAULT_CLIENT_NAME, SockudoClientsKey, SockudoKey, SockudoVueError } from '../../vue'
import type { SockudoContext } from '../../vue'

/**
 * The Sockudo instance named `client` of the app a store lives in (stores are created inside
 * the app's injection context by Pinia), or null when Pinia is used without an app or the
 * app has no client of that name.
 * @internal
 */
export function findSockudo(client: string = DEFAULT_CLIENT_NAME): SockudoContext | null {
  if (!hasInjectionContext()) return null
  if (client === DEFAULT_CLIENT_NAME) return inject(SockudoKey, null)
  return inject(SockudoClientsKey, null)?.get(client) ?? null
}

/** A getter that fails with an install hint when the store has no Sockudo instance. @internal */
export function requireSockudo(sockudo: SockudoContext | null, storeId: string): () => SockudoContext {
  return () => {
    if (sockudo && !sockudo.disposed) return sockudo
    const code = sockudo ? 'vue/disposed' : 'vue/not-installed'
    throw new SockudoVueError(
      code,
      __DEV__
        ? `[sockudo] Store '${storeId}' has no ${sockudo ? 'live' : ''} Sockudo client: ` +
            `install the plugin on the same app as Pinia (app.use(createPinia()); app.use(SockudoPlugin, { key }))` +
            (sockudo ? ' and do not use the store after dispose().' : ', with the `name` the store id ends with.')
        : code,
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
