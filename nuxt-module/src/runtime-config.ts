import { createDefu } from 'defu'
import type { Nuxt } from '@nuxt/schema'
import type { ModuleOptions } from './options'
import { clientDefaults, routeDefaults, serverDefaults } from './options'
import type { SockudoNamedClientConfig, SockudoPrivateRuntimeConfig, SockudoPublicRuntimeConfig } from './runtime/types'

/** defu, except that arrays replace instead of concatenating (`enabledTransports: ['wss']` means only wss). */
const defuReplacingArrays = createDefu((target, key, value) => {
  if (!Array.isArray(value)) return false
  ;(target as Record<PropertyKey, unknown>)[key] = value
  return true
})

/** `over` on top of a complete `base`: the result is complete (defu's own type widens null fields to nullish). */
function merge<T extends object>(over: Partial<T>, base: T): T {
  return defuReplacingArrays(over, base) as T
}

/** A named client's name: it becomes part of env names and store ids. */
const CLIENT_NAME = /^[a-z][a-z0-9]*$/i

/** The fields of `source` named by the keys of `shape` (the defaults objects list every field once). */
function pick<T extends object>(source: ModuleOptions | SockudoNamedClientConfig, shape: T): T {
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(shape)) {
    const value = (source as Record<string, unknown>)[key]
    if (value !== undefined) out[key] = structuredClone(value)
  }
  return out as T
}

/** Named clients as given, each limited to client fields; throws on names that cannot be env names. */
function namedClients(clients: ModuleOptions['clients']): Record<string, SockudoNamedClientConfig> {
  const out: Record<string, SockudoNamedClientConfig> = {}
  for (const [name, config] of Object.entries(clients ?? {})) {
    if (!CLIENT_NAME.test(name) || name === 'default') {
      throw new Error(`[sockudo] clients.${name}: a client name is letters and digits starting with a letter, and not "default" (it becomes part of NUXT_PUBLIC_SOCKUDO_CLIENTS_<NAME>_… env names).`)
    }
    out[name] = pick(config, clientDefaults)
  }
  return out
}

/** Splits module options into the public (browser) and private (server-only) runtime config. */
export function toRuntimeConfig(options: ModuleOptions): { public: SockudoPublicRuntimeConfig, private: SockudoPrivateRuntimeConfig } {
  return {
    public: {
      ...merge(pick(options, clientDefaults), clientDefaults),
      routePrefix: options.routePrefix.replace(/\/+$/, ''),
      routes: merge(options.routes, routeDefaults),
      clients: namedClients(options.clients),
    },
    private: merge(pick(options, serverDefaults), serverDefaults),
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
  config.public.sockudo = merge<SockudoPublicRuntimeConfig>(config.public.sockudo ?? {}, pub)
  config.sockudo = merge<SockudoPrivateRuntimeConfig>(config.sockudo ?? {}, priv)
}
