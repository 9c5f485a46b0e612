/**
 * Options of the `@sockudo/nuxt` module, set under `sockudo: { … }` in `nuxt.config`.
 * Every value lands in runtime config (public or private, as noted), so each one can be
 * overridden at run time with a `NUXT_…` environment variable, without a rebuild.
 */
import type { SockudoRouteSwitches } from './runtime/types'

export type { SockudoRouteSwitches }

/** Options under `sockudo` in `nuxt.config`. */
export interface ModuleOptions {
  /**
   * App key, sent by the browser when it connects. Public.
   * Env: `NUXT_PUBLIC_SOCKUDO_KEY`.
   * @default 'app-key'
   */
  key: string
  /**
   * Host name of the Sockudo WebSocket endpoint, as the browser sees it. Public.
   * Env: `NUXT_PUBLIC_SOCKUDO_WS_HOST`.
   * @default '127.0.0.1'
   */
  wsHost: string
  /**
   * Port of the plain (`ws://`) WebSocket endpoint. Public.
   * Env: `NUXT_PUBLIC_SOCKUDO_WS_PORT`.
   * @default 6001
   */
  wsPort: number
  /**
   * Port of the TLS (`wss://`) WebSocket endpoint, used when {@link ModuleOptions.forceTls} is on. Public.
   * Env: `NUXT_PUBLIC_SOCKUDO_WSS_PORT`.
   * @default 443
   */
  wssPort: number
  /**
   * Connect with `wss://` instead of `ws://`. Public.
   * Env: `NUXT_PUBLIC_SOCKUDO_FORCE_TLS`.
   * @default false
   */
  forceTls: boolean
  /**
   * Wire protocol version: 1 speaks plain Pusher (protocol 7, `pusher:` events), 2 enables
   * Sockudo's extensions (serials, recovery, delta compression, history over the socket). Public.
   * Env: `NUXT_PUBLIC_SOCKUDO_PROTOCOL_VERSION`.
   * @default 1
   */
  protocolVersion: 1 | 2
  /**
   * Open the connection automatically once the app has hydrated in the browser. When false,
   * call `useSockudo().connect()` yourself. The server never opens a socket. Public.
   * Env: `NUXT_PUBLIC_SOCKUDO_AUTO_CONNECT`.
   * @default true
   */
  autoConnect: boolean
  /**
   * Path prefix of the module's server routes. Fixed at build time (routes are registered
   * then); exposed read-only in public runtime config so the client finds them.
   * @default '/api/_sockudo'
   */
  routePrefix: string
  /**
   * Turns each server route on or off. Public (the client only calls enabled routes);
   * env: `NUXT_PUBLIC_SOCKUDO_ROUTES_<NAME>`, e.g. `NUXT_PUBLIC_SOCKUDO_ROUTES_PUSH=true`.
   * @default { channelAuth: true, userAuth: true, history: true, presenceHistory: true, versionedMessages: true, push: false }
   */
  routes: Partial<SockudoRouteSwitches>
  /**
   * App id, used in Sockudo HTTP API paths by the server routes. Private.
   * Env: `NUXT_SOCKUDO_APP_ID`.
   * @default 'app-id'
   */
  appId: string
  /**
   * App secret: signs channel authorizations, user authentications and HTTP API calls. Private;
   * never reaches the browser bundle or public runtime config.
   * Env: `NUXT_SOCKUDO_SECRET`.
   * @default 'app-secret'
   */
  secret: string
  /**
   * Base64 of the 32-byte master key for `private-encrypted-` channels; each channel's
   * `shared_secret` is derived from it. Empty means encrypted channels are refused (403). Private.
   * Env: `NUXT_SOCKUDO_ENCRYPTION_MASTER_KEY_BASE64`.
   * @default ''
   */
  encryptionMasterKeyBase64: string
  /**
   * Host of the Sockudo HTTP API, as the Nuxt server sees it (used by the proxies). Private.
   * Env: `NUXT_SOCKUDO_API_HOST`.
   * @default '127.0.0.1'
   */
  apiHost: string
  /**
   * Port of the Sockudo HTTP API. Private.
   * Env: `NUXT_SOCKUDO_API_PORT`.
   * @default 6001
   */
  apiPort: number
  /**
   * Call the HTTP API over `https://`. Private.
   * Env: `NUXT_SOCKUDO_API_USE_TLS`.
   * @default false
   */
  apiUseTLS: boolean
  /**
   * Origins (e.g. `https://admin.example.com`) besides the app's own that may call the server
   * routes. By default every cross-origin request is refused (403). Private.
   * Env: `NUXT_SOCKUDO_ALLOWED_ORIGINS` (JSON array).
   * @default []
   */
  allowedOrigins: string[]
}

/** Defaults of {@link ModuleOptions}: the local development app of http.md §4.5. */
export const defaultOptions: ModuleOptions = {
  key: 'app-key',
  wsHost: '127.0.0.1',
  wsPort: 6001,
  wssPort: 443,
  forceTls: false,
  protocolVersion: 1,
  autoConnect: true,
  routePrefix: '/api/_sockudo',
  routes: {
    channelAuth: true,
    userAuth: true,
    history: true,
    presenceHistory: true,
    versionedMessages: true,
    push: false,
  },
  appId: 'app-id',
  secret: 'app-secret',
  encryptionMasterKeyBase64: '',
  apiHost: '127.0.0.1',
  apiPort: 6001,
  apiUseTLS: false,
  allowedOrigins: [],
}
