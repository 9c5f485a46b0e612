import type { App, Plugin } from 'vue'
import { createSockudo } from './create-sockudo'
import type { SockudoPluginOptions } from './options'

/**
 * The Vue plugin: `app.use(createPinia()); app.use(SockudoPlugin, { key, wsHost, wsPort })`.
 * Same as `app.use(createSockudo(options))`; use `createSockudo` when you need the instance
 * (to call `dispose()`, or to reach the client outside components).
 */
export const SockudoPlugin: Plugin<[SockudoPluginOptions]> = {
  install(app: App, options: SockudoPluginOptions) {
    createSockudo(options).install(app)
  },
}
