import type { SockudoClient } from '@sockudo/vue'
import { defineNuxtPlugin, onNuxtReady, useRuntimeConfig } from '#imports'
import { clientConfig } from '../client-options'
import { clientsByName, createClients, openStores } from '../create-clients'

/**
 * Browser side. Creates every configured client from public runtime config (after the app's
 * own plugins, so their `sockudo:client-options` hooks are registered), installs them after
 * Pinia (whose `sockudo-*` stores mirror them) and connects once the app has hydrated, so the
 * first paint never waits for a socket. Composables find them through `inject`.
 */
export default defineNuxtPlugin({
  name: 'sockudo',
  enforce: 'post',
  dependsOn: ['pinia'],
  async setup(nuxtApp) {
    const config = useRuntimeConfig().public.sockudo
    const instances = await createClients(nuxtApp, config, 'client')
    for (const sockudo of instances.values()) nuxtApp.vueApp.use(sockudo)
    openStores(nuxtApp, instances.keys())
    onNuxtReady(() => {
      for (const [name, sockudo] of instances) {
        if (clientConfig(config, name).autoConnect !== false && !sockudo.disposed) sockudo.client.connect()
      }
    })
    // Typed `| undefined` on both sides: the server plugin provides nothing usable.
    return {
      provide: {
        sockudo: instances.get('default')?.client as SockudoClient | undefined,
        sockudoClients: clientsByName(instances) as Partial<Record<string, SockudoClient>>,
      },
    }
  },
})
