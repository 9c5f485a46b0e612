import type { SockudoPluginOptions } from '@sockudo/vue'
import type { SockudoClientConfig, SockudoPublicRuntimeConfig } from '../types'
import { tokenCallback } from './token-callback'

/** Name of the client built from the top-level options. */
export const DEFAULT_CLIENT = 'default'

/** Names of every client the app configures: `'default'` first, then `clients` in order. */
export function clientNames(config: SockudoPublicRuntimeConfig): string[] {
  return [DEFAULT_CLIENT, ...Object.keys(config.clients ?? {})]
}

/** One client's serialisable config: a named client's fields over the default client's. */
export function clientConfig(config: SockudoPublicRuntimeConfig, name: string = DEFAULT_CLIENT): SockudoClientConfig {
  const named = name === DEFAULT_CLIENT ? undefined : config.clients?.[name]
  const merged: SockudoClientConfig = { ...config }
  for (const [field, value] of Object.entries(named ?? {})) {
    if (value !== undefined && value !== null) (merged as unknown as Record<string, unknown>)[field] = value
  }
  return merged
}

/** Env vars arrive through destr: `'true'` is already `true`, but be lenient with `'1'`. */
const on = (value: unknown): boolean => value === true || value === 'true' || value === 1 || value === '1'
const numberOr = (value: unknown, fallback?: number): number | undefined => {
  const parsed = typeof value === 'string' && value !== '' ? Number(value) : value
  return typeof parsed === 'number' && Number.isFinite(parsed) ? parsed : fallback
}

/** The options a V2 client only accepts on V2 (the client rejects them on V1). */
function v2Options(c: SockudoClientConfig, name: string, prefix: string, tokens: boolean): Partial<SockudoPluginOptions> {
  const out: Partial<SockudoPluginOptions> = { connectionRecovery: on(c.connectionRecovery), echoMessages: c.echoMessages !== false }
  if (c.recoveryStorage === 'sessionStorage' && out.connectionRecovery) out.recoveryStorage = 'sessionStorage'
  if (c.appendMode === 'delta' || c.appendMode === 'full') out.appendMode = c.appendMode
  const rollup = numberOr(c.appendRollupWindow)
  if (rollup !== undefined) out.appendRollupWindow = rollup
  if (tokens) {
    out.authCallback = tokenCallback({ endpoint: `${prefix}/token`, client: name, headers: c.authHeaders })
    const timeout = numberOr(c.tokenTimeout)
    if (timeout !== undefined) out.tokenTimeout = timeout
  }
  return out
}

/**
 * Maps one client's runtime config to the Vue plugin's options, without the parts that load
 * lazily (codec, delta decoders: see `client-modules.ts`). Auth and proxy endpoints point at
 * the module's routes (proxies only while switched on). `autoConnect` is always off here: the
 * Nuxt plugin connects after hydration.
 */
export function toClientOptions(config: SockudoPublicRuntimeConfig, name: string = DEFAULT_CLIENT): SockudoPluginOptions {
  const c = clientConfig(config, name)
  const prefix = config.routePrefix
  const routes = config.routes
  const version = numberOr(c.protocolVersion) === 2 ? 2 : 1
  const auth = { headers: { ...c.authHeaders }, params: { ...c.authParams } }
  const dedup = c.messageDeduplication
  return {
    ...(routes.presenceHistory ? { presenceHistory: { endpoint: `${prefix}/presence-history` } } : {}),
    ...(routes.versionedMessages ? { versionedMessages: { endpoint: `${prefix}/versioned-messages` } } : {}),
    ...(routes.push ? { push: { endpoint: `${prefix}/push` } } : {}),
    ...(name === DEFAULT_CLIENT ? {} : { name }),
    key: c.key,
    ...(c.wsHost ? { wsHost: c.wsHost } : {}),
    ...(c.cluster ? { cluster: c.cluster } : {}),
    wsPort: numberOr(c.wsPort, 80),
    wssPort: numberOr(c.wssPort, 443),
    wsPath: c.wsPath ?? '',
    forceTls: on(c.forceTls),
    enabledTransports: Array.isArray(c.enabledTransports) ? c.enabledTransports : ['ws', 'wss'],
    protocolVersion: version,
    messageDeduplication: typeof dedup === 'object' && dedup !== null ? { capacity: numberOr(dedup.capacity, 1000) } : dedup !== false,
    activityTimeout: numberOr(c.activityTimeout, 120_000),
    pongTimeout: numberOr(c.pongTimeout, 30_000),
    unavailableTimeout: numberOr(c.unavailableTimeout, 10_000),
    subscriptionTimeout: numberOr(c.subscriptionTimeout, 10_000),
    channelAuthorization: { endpoint: `${prefix}/auth`, ...auth },
    userAuthentication: { endpoint: `${prefix}/user-auth`, ...auth },
    ...(version === 2 ? v2Options(c, name, prefix, on(c.capabilityTokens) && on(routes.token)) : {}),
    autoConnect: false,
  }
}
