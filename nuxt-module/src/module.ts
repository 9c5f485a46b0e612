import { addImports, addPlugin, addTypeTemplate, createResolver, defineNuxtModule } from '@nuxt/kit'
import { defaultOptions } from './options'
import type { ModuleOptions } from './options'
import { applyRuntimeConfig } from './runtime-config'
import { configureVite } from './vite'
import { registerServerRoutes } from './server-routes'
import { sockudoAppHelpers, sockudoComposables } from './auto-imports'
import { installPinia } from './pinia'
import { hooksTemplate, typeTemplate } from './type-template'

export type { ModuleOptions, SockudoRouteSwitches } from './options'
export type {
  SockudoClientConfig,
  SockudoCodecName,
  SockudoDeltaAlgorithmName,
  SockudoNamedClientConfig,
  SockudoPrivateRuntimeConfig,
  SockudoPublicRuntimeConfig,
  SockudoRollupWindow,
} from './runtime/types'

// Nuxt merges defaults with defu, which concatenates arrays: `enabledTransports: ['wss']` would
// become ['wss', 'ws', 'wss']. That one array default is applied by toRuntimeConfig instead.
const { enabledTransports: _arrayDefault, ...mergeableDefaults } = defaultOptions

/**
 * `@sockudo/nuxt`: runtime config from `sockudo: { … }`, Pinia, client-only plugins that create
 * the default and named clients and connect after hydration, auto-imported composables and
 * the server routes under `/api/_sockudo/` (channel auth, user auth, capability tokens,
 * history / presence history / versioned messages / push proxies). This file only wires
 * things up; behaviour lives in `runtime/`.
 */
export default defineNuxtModule<ModuleOptions>({
  meta: {
    name: '@sockudo/nuxt',
    configKey: 'sockudo',
    compatibility: { nuxt: '>=4.0.0' },
  },
  defaults: mergeableDefaults,
  async setup(options, nuxt) {
    const resolver = createResolver(import.meta.url)
    applyRuntimeConfig(nuxt, options)
    nuxt.options.alias['#sockudo'] = resolver.resolve('./runtime/types')

    // Pinia is required: connection, channels and presence live in `sockudo-*` stores.
    await installPinia(nuxt, import.meta.url)

    // The server renders without ever opening a socket; `order: 20` (post) runs them after the
    // app's own plugins, so `sockudo:client-options` hooks are registered by then.
    addPlugin({ src: resolver.resolve('./runtime/app/plugins/sockudo.client'), mode: 'client', order: 20 })
    addPlugin({ src: resolver.resolve('./runtime/app/plugins/sockudo.server'), mode: 'server', order: 20 })
    addImports(sockudoComposables.map(name => ({ name, from: '@sockudo/vue' })))
    addImports(sockudoAppHelpers.map(name => ({ name, from: resolver.resolve('./runtime/app/define-client-options') })))
    addTypeTemplate({
      filename: 'types/sockudo.d.ts',
      getContents: () => typeTemplate(resolver.resolve('./runtime/types')),
    }, { nuxt: true, nitro: true, node: true })
    addTypeTemplate({ filename: 'types/sockudo-hooks.d.ts', getContents: () => hooksTemplate(resolver.resolve('./runtime/app/create-clients')) })

    registerServerRoutes(resolver, options.routePrefix.replace(/\/+$/, ''))
    configureVite(nuxt)
  },
})
