import { createSockudo } from '@sockudo/vue'
import type { SockudoClient } from '@sockudo/vue'
import { defineNuxtPlugin, onNuxtReady, useRuntimeConfig } from '#imports'
import type { SockudoPublicRuntimeConfig } from '../../types'
import { toClientOptions } from '../client-options'

/**
 * Browser side. Creates the Sockudo instance from public runtime config, installs it after
 * Pinia (whose `sockudo-*` stores mirror it) and connects once the app has hydrated, so the
 * first paint never waits for a socket. Composables find it through `inject`.
 */
export default defineNuxtPlugin({
  name: 'sockudo',
  dependsOn: ['pinia'],
  setup(nuxtApp) {
    const config = useRuntimeConfig().public.sockudo as unknown as SockudoPublicRuntimeConfig
    const sockudo = createSockudo(toClientOptions(config))
    nuxtApp.vueApp.use(sockudo)
    if (config.autoConnect !== false) onNuxtReady(() => sockudo.client.connect())
    // Typed `| undefined` on both sides: the server plugin provides nothing usable.
    return { provide: { sockudo: sockudo.client as SockudoClient | undefined } }
  },
})
