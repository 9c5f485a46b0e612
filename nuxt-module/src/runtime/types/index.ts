/**
 * Types shared by the app and server sides of `@sockudo/nuxt`, importable as `#sockudo`.
 * The option types are defined once here; the module options, both halves of the runtime
 * config and the named clients are built from them.
 */
import type { SockudoClientConfig } from './client-config'

export type { SockudoClientConfig, SockudoCodecName, SockudoDeltaAlgorithmName, SockudoRollupWindow } from './client-config'

/** Which module-owned server routes answer (the others answer 404). */
export interface SockudoRouteSwitches {
  /** `POST <prefix>/auth`: channel authorization (private, presence, private-encrypted). @default true */
  channelAuth: boolean
  /** `POST <prefix>/user-auth`: user authentication for `signin()`. @default true */
  userAuth: boolean
  /** `POST <prefix>/history`: channel history proxy. @default true */
  history: boolean
  /** `POST <prefix>/presence-history`: presence history and snapshot proxy. @default true */
  presenceHistory: boolean
  /** `POST <prefix>/versioned-messages` (also answered at the deprecated `<prefix>/messages` until 0.2.0): versioned messages proxy. @default true */
  versionedMessages: boolean
  /** `<prefix>/push/**`: push registration proxy (needs a Sockudo built with push). @default false */
  push: boolean
  /** `POST <prefix>/token`: V2 capability tokens from `defineSockudoTokenIssuer` (403 until one is registered). @default true */
  token: boolean
}

/**
 * A named client beside the default one: only the fields it sets differ; the rest follow the
 * default client's runtime config (so `NUXT_PUBLIC_SOCKUDO_WS_PORT` moves every client).
 */
export type SockudoNamedClientConfig = Partial<SockudoClientConfig>

/** Module settings that are neither client options nor server secrets. */
export interface SockudoModuleSettings {
  /**
   * Path prefix of the module's server routes. Fixed at build time (routes are registered then);
   * exposed read-only in public runtime config so the client finds them.
   * @default '/api/_sockudo'
   */
  routePrefix: string
  /**
   * Turns each server route on or off. Env: `NUXT_PUBLIC_SOCKUDO_ROUTES_<NAME>`, e.g. `NUXT_PUBLIC_SOCKUDO_ROUTES_PUSH=true`.
   * @default { channelAuth: true, userAuth: true, history: true, presenceHistory: true, versionedMessages: true, push: false, token: true }
   */
  routes: SockudoRouteSwitches
  /**
   * Named clients beside the default one, e.g. `{ v2: { protocolVersion: 2, connectionRecovery: true } }`.
   * Composables reach one with `{ client: 'v2' }`; its stores are keyed by the name. Names are
   * letters and digits, starting with a letter. Env: `NUXT_PUBLIC_SOCKUDO_CLIENTS_<NAME>_<FIELD>`
   * for the fields set in `nuxt.config`.
   * @default {}
   */
  clients: Record<string, SockudoNamedClientConfig>
}

/** `runtimeConfig.public.sockudo`: what the browser needs to connect. Never holds secrets. */
export interface SockudoPublicRuntimeConfig extends SockudoClientConfig, SockudoModuleSettings {}

/** `runtimeConfig.sockudo`: server-only credentials and API location. */
export interface SockudoPrivateRuntimeConfig {
  /**
   * App id, used in Sockudo HTTP API paths by the server routes. Env: `NUXT_SOCKUDO_APP_ID`.
   * @default 'app-id'
   */
  appId: string
  /**
   * App secret: signs channel authorizations, user authentications, capability tokens and HTTP API
   * calls. Never reaches the browser. Env: `NUXT_SOCKUDO_SECRET`.
   * @default 'app-secret'
   */
  secret: string
  /**
   * Base64 of the 32-byte master key for `private-encrypted-` channels; empty refuses them (403).
   * Env: `NUXT_SOCKUDO_ENCRYPTION_MASTER_KEY_BASE64`.
   * @default ''
   */
  encryptionMasterKeyBase64: string
  /**
   * Host of the Sockudo HTTP API, as the Nuxt server sees it (used by the proxies). Env: `NUXT_SOCKUDO_API_HOST`.
   * @default '127.0.0.1'
   */
  apiHost: string
  /**
   * Port of the Sockudo HTTP API. Env: `NUXT_SOCKUDO_API_PORT`.
   * @default 6001
   */
  apiPort: number
  /**
   * Call the HTTP API over `https://`. Env: `NUXT_SOCKUDO_API_USE_TLS`.
   * @default false
   */
  apiUseTLS: boolean
  /**
   * Origins besides the app's own that may call the server routes; by default every
   * cross-origin request is refused (403). Env: `NUXT_SOCKUDO_ALLOWED_ORIGINS` (JSON array).
   * @default []
   */
  allowedOrigins: string[]
  /**
   * Lifetime of the capability tokens `<routePrefix>/token` mints, in seconds (at most 86400; the
   * issuer may choose less per token). Env: `NUXT_SOCKUDO_TOKEN_TTL`.
   * @default 3600
   */
  tokenTtl: number
}
