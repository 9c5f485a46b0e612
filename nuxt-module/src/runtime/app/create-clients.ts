import { createSockudo, sockudoChannelsStore, sockudoConnectionStore, sockudoPresenceStore, sockudoRecoveryStore } from '@sockudo/vue'
import type { Sockudo, SockudoClient, SockudoPluginOptions } from '@sockudo/vue'
import type { NuxtApp } from '#app'
import type { SockudoClientConfig, SockudoPublicRuntimeConfig } from '../types'
import { clientConfig, clientNames, toClientOptions } from './client-options'
import { withLazyParts } from './client-modules'

/** What the `sockudo:client-options` hook receives for each client, before it is created. */
export interface SockudoClientOptionsContext {
  /** The client's name: `'default'` or a key of the `clients` option. */
  readonly name: string
  /** Its serialisable config (runtime config, named fields over the default ones). */
  readonly config: Readonly<SockudoClientConfig>
  /** Rendering on the server (the client never connects there) or running in the browser. */
  readonly side: 'server' | 'client'
  /** The options `createSockudo` will get; change them in place (`authCallback`, `webSocket`, handlers…). */
  options: SockudoPluginOptions
}

/**
 * Creates every configured client (the default one first), letting the app adjust each one's
 * options through the `sockudo:client-options` hook. Lazy parts (binary codecs) load only in
 * the browser, where a socket will open.
 */
export async function createClients(nuxtApp: Pick<NuxtApp, 'callHook'>, config: SockudoPublicRuntimeConfig, side: 'server' | 'client'): Promise<Map<string, Sockudo>> {
  const instances = new Map<string, Sockudo>()
  for (const name of clientNames(config)) {
    const own = clientConfig(config, name)
    const base = toClientOptions(config, name)
    const context: SockudoClientOptionsContext = {
      name,
      config: own,
      side,
      options: side === 'client' ? await withLazyParts(base, own) : { ...base, devtools: false },
    }
    await nuxtApp.callHook('sockudo:client-options', context)
    instances.set(name, createSockudo(context.options))
  }
  return instances
}

/** `$sockudoClients`: each client by name. */
export function clientsByName(instances: Map<string, Sockudo>): Record<string, SockudoClient> {
  return Object.fromEntries([...instances].map(([name, sockudo]) => [name, sockudo.client]))
}

/**
 * Opens every client's `sockudo-*` stores right away (browser only), so devtools and
 * `$pinia.state` show each client's connection, channels, presence and recovery from the start,
 * whichever composables a page happens to use.
 */
export function openStores(nuxtApp: Pick<NuxtApp, 'vueApp'>, names: Iterable<string>): void {
  nuxtApp.vueApp.runWithContext(() => {
    for (const name of names) {
      for (const store of [sockudoConnectionStore, sockudoChannelsStore, sockudoPresenceStore, sockudoRecoveryStore]) store(name)()
    }
  })
}
