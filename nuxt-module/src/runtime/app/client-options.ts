import type { SockudoPluginOptions } from '@sockudo/vue'
import type { SockudoPublicRuntimeConfig } from '../types'

/**
 * Maps public runtime config to the Vue plugin's options; the auth and proxy endpoints point at
 * the module's routes (proxies only while switched on). `autoConnect` is always off here: the
 * Nuxt plugin connects after hydration.
 */
export function toClientOptions(config: SockudoPublicRuntimeConfig): SockudoPluginOptions {
  const prefix = config.routePrefix
  const routes = config.routes
  return {
    ...(routes.presenceHistory ? { presenceHistory: { endpoint: `${prefix}/presence-history` } } : {}),
    ...(routes.versionedMessages ? { versionedMessages: { endpoint: `${prefix}/messages` } } : {}),
    key: config.key,
    wsHost: config.wsHost,
    wsPort: Number(config.wsPort),
    wssPort: Number(config.wssPort),
    forceTls: config.forceTls === true,
    protocolVersion: Number(config.protocolVersion) === 2 ? 2 : 1,
    channelAuthorization: { endpoint: `${prefix}/auth` },
    userAuthentication: { endpoint: `${prefix}/user-auth` },
    autoConnect: false,
  }
}
