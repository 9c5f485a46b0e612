import { defu } from 'defu'
import type { Nuxt } from '@nuxt/schema'
import type { ModuleOptions } from './options'
import { defaultOptions } from './options'
import type { SockudoPrivateRuntimeConfig, SockudoPublicRuntimeConfig, SockudoRouteSwitches } from './runtime/types'

/** Splits module options into the public (browser) and private (server-only) runtime config. */
export function toRuntimeConfig(options: ModuleOptions): { public: SockudoPublicRuntimeConfig, private: SockudoPrivateRuntimeConfig } {
  const routes = defu(options.routes, defaultOptions.routes) as SockudoRouteSwitches
  return {
    public: {
      key: options.key,
      wsHost: options.wsHost,
      wsPort: options.wsPort,
      wssPort: options.wssPort,
      forceTls: options.forceTls,
      protocolVersion: options.protocolVersion,
      autoConnect: options.autoConnect,
      routePrefix: options.routePrefix.replace(/\/+$/, ''),
      routes,
    },
    private: {
      appId: options.appId,
      secret: options.secret,
      encryptionMasterKeyBase64: options.encryptionMasterKeyBase64,
      apiHost: options.apiHost,
      apiPort: options.apiPort,
      apiUseTLS: options.apiUseTLS,
      allowedOrigins: [...options.allowedOrigins],
    },
  }
}

/**
 * Merges the options into `runtimeConfig`. Values the app already put in its own
 * `runtimeConfig.sockudo` / `runtimeConfig.public.sockudo` win (defu), and Nuxt applies
 * `NUXT_SOCKUDO_…` / `NUXT_PUBLIC_SOCKUDO_…` env vars over both at run time.
 */
export function applyRuntimeConfig(nuxt: Nuxt, options: ModuleOptions): void {
  const { public: pub, private: priv } = toRuntimeConfig(options)
  const config = nuxt.options.runtimeConfig
  config.public.sockudo = defu(config.public.sockudo as Partial<SockudoPublicRuntimeConfig> | undefined, pub)
  config.sockudo = defu(config.sockudo as Partial<SockudoPrivateRuntimeConfig> | undefined, priv)
}
