import { createSockudo } from '@sockudo/vue'
import type { SockudoClient } from '@sockudo/vue'
import { defineNuxtPlugin, useRuntimeConfig } from '#imports'
import type { SockudoPublicRuntimeConfig } from '../../types'
import { toClientOptions } from '../client-options'

/**
 * Server side, per request: installs an instance that never connects, so composables used in
 * pages find their context and render their initial (offline) state; they stay inert while
 * rendering. It is disposed as soon as the HTML is rendered. `$sockudo` is undefined here.
 */
export default defineNuxtPlugin({
  name: 'sockudo',
  dependsOn: ['pinia'],
  setup(nuxtApp) {
    const config = useRuntimeConfig().public.sockudo as unknown as SockudoPublicRuntimeConfig
    const sockudo = createSockudo({ ...toClientOptions(config), devtools: false })
    nuxtApp.vueApp.use(sockudo)
    nuxtApp.hook('app:rendered', () => sockudo.dispose())
    return { provide: { sockudo: undefined as SockudoClient | undefined } }
  },
})
