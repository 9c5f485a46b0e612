/**
 * The serialisable client options: the one definition behind the module options, the public
 * runtime config (`runtimeConfig.public.sockudo`) and each named client (`clients.<name>`).
 * Env names follow Nuxt's rule: `NUXT_PUBLIC_SOCKUDO_` + the field in SCREAMING_SNAKE_CASE
 * (`NUXT_PUBLIC_SOCKUDO_CLIENTS_<NAME>_<FIELD>` for a named client).
 */

/** Wire codec of a V2 client. Binary codecs are loaded with a dynamic import, only when chosen. */
export type SockudoCodecName = 'json' | 'msgpack' | 'protobuf'

/** Delta algorithms the client may advertise. */
export type SockudoDeltaAlgorithmName = 'fossil' | 'xdelta3'

/** Append rollup windows the server accepts, in ms. */
export type SockudoRollupWindow = 0 | 20 | 40 | 100 | 500

/** Client options that fit in runtime config (JSON), so env vars can override them without a rebuild. */
export interface SockudoClientConfig {
  /**
   * App key, sent by the browser when it connects. Env: `NUXT_PUBLIC_SOCKUDO_KEY`.
   * @default 'app-key'
   */
  key: string
  /**
   * Host name of the Sockudo WebSocket endpoint, as the browser sees it. Env: `NUXT_PUBLIC_SOCKUDO_WS_HOST`.
   * @default '127.0.0.1'
   */
  wsHost: string
  /**
   * Port of the plain (`ws://`) WebSocket endpoint. Env: `NUXT_PUBLIC_SOCKUDO_WS_PORT`.
   * @default 6001
   */
  wsPort: number
  /**
   * Port of the TLS (`wss://`) WebSocket endpoint, used when `forceTls` is on. Env: `NUXT_PUBLIC_SOCKUDO_WSS_PORT`.
   * @default 443
   */
  wssPort: number
  /**
   * Connect with `wss://` instead of `ws://`. Env: `NUXT_PUBLIC_SOCKUDO_FORCE_TLS`.
   * @default false
   */
  forceTls: boolean
  /**
   * Cluster name: the host becomes `ws-<cluster>.sockudo.io`, used only when `wsHost` is empty.
   * Empty means no cluster. Env: `NUXT_PUBLIC_SOCKUDO_CLUSTER`.
   * @default ''
   */
  cluster: string
  /**
   * Path prefix before `/app/<key>` (a reverse proxy's mount point). Env: `NUXT_PUBLIC_SOCKUDO_WS_PATH`.
   * @default ''
   */
  wsPath: string
  /**
   * Schemes the client may use; `wss` when TLS is on, else `ws`. Env: `NUXT_PUBLIC_SOCKUDO_ENABLED_TRANSPORTS` (JSON array).
   * @default ['ws', 'wss']
   */
  enabledTransports: ('ws' | 'wss')[]
  /**
   * Wire protocol version: 1 speaks plain Pusher (protocol 7), 2 enables Sockudo's extensions
   * (serials, recovery, delta, tokens, binary codecs). Env: `NUXT_PUBLIC_SOCKUDO_PROTOCOL_VERSION`.
   * @default 1
   */
  protocolVersion: 1 | 2
  /**
   * Connect once the app has hydrated in the browser; when false call `useSockudo().client.connect()`.
   * The server never opens a socket. Env: `NUXT_PUBLIC_SOCKUDO_AUTO_CONNECT`.
   * @default true
   */
  autoConnect: boolean
  /**
   * V2 connection recovery: track each channel's position and resume after a reconnect.
   * Env: `NUXT_PUBLIC_SOCKUDO_CONNECTION_RECOVERY`.
   * @default false
   */
  connectionRecovery: boolean
  /**
   * V2: keep recovery positions across page reloads in `sessionStorage` (per tab), so a reload
   * resumes instead of losing what was published meanwhile; needs `connectionRecovery`. `null`
   * keeps them for the page's lifetime only (an app callback goes through `sockudo:client-options`).
   * Env: `NUXT_PUBLIC_SOCKUDO_RECOVERY_STORAGE`.
   * @default null
   */
  recoveryStorage: 'sessionStorage' | null
  /**
   * V2 delta compression: `true` advertises every built-in algorithm, `{ algorithms }` only those.
   * Decoders load on first use. Env: `NUXT_PUBLIC_SOCKUDO_DELTA_COMPRESSION` (`true` or JSON).
   * @default false
   */
  deltaCompression: boolean | { algorithms: SockudoDeltaAlgorithmName[] }
  /**
   * V2 append mode of `message.append` events; `null` leaves it to the server (`delta`).
   * Env: `NUXT_PUBLIC_SOCKUDO_APPEND_MODE`.
   * @default null
   */
  appendMode: 'delta' | 'full' | null
  /**
   * V2 append rollup window in ms (0, 20, 40, 100 or 500); `null` leaves it to the server.
   * Env: `NUXT_PUBLIC_SOCKUDO_APPEND_ROLLUP_WINDOW`.
   * @default null
   */
  appendRollupWindow: SockudoRollupWindow | null
  /**
   * V2 wire codec. `msgpack` and `protobuf` are imported dynamically when chosen, so a JSON app
   * never bundles them up front. Env: `NUXT_PUBLIC_SOCKUDO_CODEC`.
   * @default 'json'
   */
  codec: SockudoCodecName
  /**
   * V2: when false, this connection does not receive its own client events. Env: `NUXT_PUBLIC_SOCKUDO_ECHO_MESSAGES`.
   * @default true
   */
  echoMessages: boolean
  /**
   * Drop frames whose `message_id` was already seen; `{ capacity }` sets how many ids are kept.
   * Env: `NUXT_PUBLIC_SOCKUDO_MESSAGE_DEDUPLICATION` (`true`, `false` or JSON).
   * @default true
   */
  messageDeduplication: boolean | { capacity: number }
  /**
   * Ping after this long without inbound frames, in ms (capped by the server's value).
   * Env: `NUXT_PUBLIC_SOCKUDO_ACTIVITY_TIMEOUT`.
   * @default 120000
   */
  activityTimeout: number
  /**
   * Reconnect when nothing arrives this long after a ping, in ms. Env: `NUXT_PUBLIC_SOCKUDO_PONG_TIMEOUT`.
   * @default 30000
   */
  pongTimeout: number
  /**
   * Report `unavailable` after this long without a connection, in ms. Env: `NUXT_PUBLIC_SOCKUDO_UNAVAILABLE_TIMEOUT`.
   * @default 10000
   */
  unavailableTimeout: number
  /**
   * Fail a subscription that is not confirmed within this time, in ms. Env: `NUXT_PUBLIC_SOCKUDO_SUBSCRIPTION_TIMEOUT`.
   * @default 10000
   */
  subscriptionTimeout: number
  /**
   * V2: how long a token request to `<routePrefix>/token` may take, in ms; `null` means `unavailableTimeout`.
   * Env: `NUXT_PUBLIC_SOCKUDO_TOKEN_TIMEOUT`.
   * @default null
   */
  tokenTimeout: number | null
  /**
   * V2 capability tokens: the client asks `<routePrefix>/token` for a JWT before each connect and
   * before expiry; the app mints it with `defineSockudoTokenIssuer`. Applies to V2 clients only.
   * Env: `NUXT_PUBLIC_SOCKUDO_CAPABILITY_TOKENS`.
   * @default false
   */
  capabilityTokens: boolean
  /**
   * Extra headers on every request to the module's auth and token routes (public: no secrets;
   * per-request headers go through the `sockudo:client-options` hook). Env: `NUXT_PUBLIC_SOCKUDO_AUTH_HEADERS` (JSON).
   * @default {}
   */
  authHeaders: Record<string, string>
  /**
   * Extra form parameters on every channel and user authorization request. Env: `NUXT_PUBLIC_SOCKUDO_AUTH_PARAMS` (JSON).
   * @default {}
   */
  authParams: Record<string, string>
}
