/**
 * Types shared by the app and server sides of `@sockudo/nuxt`, importable as `#sockudo`.
 */
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
  /** `POST <prefix>/messages`: versioned (mutable) messages proxy. @default true */
  versionedMessages: boolean
  /** `<prefix>/push/**`: push registration proxy (needs a Sockudo built with push). @default false */
  push: boolean
}

/** `runtimeConfig.public.sockudo`: what the browser needs to connect. Never holds secrets. */
export interface SockudoPublicRuntimeConfig {
  /** App key. */
  key: string
  /** WebSocket host. */
  wsHost: string
  /** `ws://` port. */
  wsPort: number
  /** `wss://` port. */
  wssPort: number
  /** Use `wss://`. */
  forceTls: boolean
  /** Wire protocol version. */
  protocolVersion: 1 | 2
  /** Connect after hydration. */
  autoConnect: boolean
  /** Prefix of the module's server routes (build time). */
  routePrefix: string
  /** Which server routes answer. */
  routes: SockudoRouteSwitches
}

/** `runtimeConfig.sockudo`: server-only credentials and API location. */
export interface SockudoPrivateRuntimeConfig {
  /** App id. */
  appId: string
  /** App secret. */
  secret: string
  /** Base64 of the 32-byte encryption master key; empty disables encrypted channels. */
  encryptionMasterKeyBase64: string
  /** HTTP API host. */
  apiHost: string
  /** HTTP API port. */
  apiPort: number
  /** HTTP API over TLS. */
  apiUseTLS: boolean
  /** Extra origins allowed to call the server routes. */
  allowedOrigins: string[]
}
