import type { SockudoClient } from '@sockudo/vue'
import { defineNuxtPlugin, useRuntimeConfig } from '#imports'
import { createClients } from '../create-clients'

/**
 * Server side, per request: installs an instance per client that never connects, so
 * composables used in pages find their context and render their initial (offline) state.
 * They are disposed as soon as the HTML is rendered. `$sockudo` is undefined here.
 */
export default defineNuxtPlugin({
  name: 'sockudo',
  enforce: 'post',
  dependsOn: ['pinia'],
  async setup(nuxtApp) {
    const instances = await createClients(nuxtApp, useRuntimeConfig().public.sockudo, 'server')
    for (const sockudo of instances.values()) nuxtApp.vueApp.use(sockudo)
    nuxtApp.hook('app:rendered', () => {
      for (const sockudo of instances.values()) sockudo.dispose()
    })
    return { provide: { sockudo: undefined as SockudoClient | undefined, sockudoClients: {} as Partial<Record<string, SockudoClient>> } }
  },
})
