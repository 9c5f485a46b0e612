import type { ChannelAuthorizationOptions, FetchLike, UserAuthenticationOptions } from '../auth/types'
import type { TokenCallback } from '../auth/token'
import type { Codec, WireFormat } from '../codecs/types'
import { assertRollupWindow } from '../connection/url'
import type { Secretbox } from '../crypto/secretbox'
import { ConfigError } from '../errors'
import type { Unsubscribe } from '../events'
import type { BaseCacheLimits } from '../delta/base-cache'
import type { DeltaAlgorithm } from '../delta/decoders/types'
import type { DeltaStage } from '../protocol/pipeline'
import type { ProtocolVersion } from '../protocol/names'
import type { WebSocketConstructor } from '../transport/types'
import { DEFAULT_BACKOFF, type BackoffOptions } from '../util/backoff'
import type { Clock } from '../util/clock'

/** Online/offline hints (e.g. from `window` events, injected by the app or the Vue layer). */
export interface NetworkHints {
  /** Calls `listener(true)` when the network comes back, `listener(false)` when it goes. */
  subscribe(listener: (online: boolean) => void): Unsubscribe
}

/** Settings of {@link SockudoClientOptions.deltaCompression}. */
export interface DeltaCompressionOptions {
  /** Algorithms this client decodes and announces to the server. @default ['fossil', 'xdelta3'] */
  algorithms?: DeltaAlgorithm[]
  /** Bounds of the stored delta bases over every channel (least recently used go first). @default { maxKeys: 1024, maxBytes: 33554432 } */
  cache?: BaseCacheLimits
}

/** Options of {@link SockudoClient}. Durations are in ms. */
export interface SockudoClientOptions {
  /** Cluster name; the host becomes `ws-⟨cluster⟩.sockudo.io` unless `wsHost` is set. */
  cluster?: string
  /** WebSocket host. One of `wsHost` / `cluster` is required. */
  wsHost?: string
  /** Port for `ws://`. @default 80 */
  wsPort?: number
  /** Port for `wss://`. @default 443 */
  wssPort?: number
  /** Path prefix before `/app/⟨key⟩` (reverse proxies). @default '' */
  wsPath?: string
  /** Use `wss://`. @default true */
  forceTls?: boolean
  /** Allowed schemes; the client uses `wss` when TLS is on, else `ws`. @default ['ws', 'wss'] */
  enabledTransports?: ('ws' | 'wss')[]
  /** 1 = Pusher protocol 7 (`pusher:`), 2 = Sockudo V2 (`sockudo:`). @default 1 */
  protocolVersion?: ProtocolVersion
  /** Channel authorization (private, presence, encrypted channels). */
  channelAuthorization?: ChannelAuthorizationOptions
  /** User authentication for `signin()`. */
  userAuthentication?: UserAuthenticationOptions
  /** Ping after this long without inbound frames (capped by the server's value). @default 120000 */
  activityTimeout?: number
  /** Reconnect when no frame arrives this long after a ping. @default 30000 */
  pongTimeout?: number
  /** Report `unavailable` after this long without a connection. @default 10000 */
  unavailableTimeout?: number
  /** Fail a subscription when no `subscription_succeeded` arrives within this time. @default 10000 */
  subscriptionTimeout?: number
  /** Reconnection backoff (jittered exponential). @default { maxAttempts: Infinity, baseDelay: 1000, maxDelay: 30000 } */
  reconnect?: Partial<BackoffOptions>
  /** WebSocket constructor. @default globalThis.WebSocket, else the `ws` package (Node) */
  webSocket?: WebSocketConstructor
  /** fetch for the auth endpoints. @default globalThis.fetch */
  fetch?: FetchLike
  /** Clock and scheduler (tests). @default the system clock */
  clock?: Clock
  /** Random source in [0, 1) for backoff jitter. @default Math.random */
  random?: () => number
  /** Online/offline hints: `online` retries at once, `offline` checks the connection with a ping. */
  network?: NetworkHints
  /** V2: send `echo_messages=false` so this connection does not receive its own client events. @default true */
  echoMessages?: boolean
  /**
   * V2 binary wire codec (from `@sockudo/vue/codecs/msgpack` or `…/protobuf`). Text frames
   * are always decoded as JSON. @default JSON only
   */
  codec?: Codec
  /** V2 wire format; must match `codec` when not `json`. @default 'json' */
  wireFormat?: WireFormat
  /** V2 append mode of `message.append` events. @default server default ('delta') */
  appendMode?: 'delta' | 'full'
  /** V2 append rollup window in ms: 0, 20, 40, 100 or 500. @default server default */
  appendRollupWindow?: number
  /** V2 capability token (JWT) for the first connection. */
  token?: string
  /** V2 token provider: called on reconnects, before expiry (80 % of the lifetime) and on `token_expired`. */
  authCallback?: TokenCallback
  /** V2: how long `authCallback` may take before the attempt fails with `token/timeout`. @default unavailableTimeout */
  tokenTimeout?: number
  /** V2 connection recovery: track positions and resume after reconnects. @default false */
  connectionRecovery?: boolean
  /** Drop frames whose `message_id` was already seen. `capacity` ids are kept. @default { capacity: 1000 } on V2 */
  messageDeduplication?: boolean | { capacity?: number }
  /**
   * V2 delta compression (sockudo-delta 5.2.0 src/manager.rs): the client asks the server for deltas and
   * rebuilds full messages from them, on every wire format. `true` enables every built-in
   * decoder; `{ algorithms }` limits them. The decoders are loaded on the first connect
   * (dynamic import), so apps without delta compression never download them. Per
   * subscription, `subscribe(name, { delta })` is then allowed; without this option it throws
   * a `ConfigError` (`config/delta-off`).
   * @default false
   */
  deltaCompression?: boolean | DeltaCompressionOptions
  /**
   * A custom delta stage (e.g. a `DeltaManager` you configure yourself); replaces the one
   * `deltaCompression` would create. @default none
   */
  deltaStage?: DeltaStage
  /** NaCl secretbox implementation. @default libsodium-wrappers, loaded on first use */
  secretbox?: () => Promise<Secretbox>
}

/** @internal Options after defaults and validation. */
export interface ResolvedOptions {
  key: string
  host: string
  port: number
  tls: boolean
  path: string
  version: ProtocolVersion
  activityTimeout: number
  pongTimeout: number
  unavailableTimeout: number
  subscriptionTimeout: number
  backoff: BackoffOptions
  raw: SockudoClientOptions
}

/** Applies defaults and validates; throws a {@link ConfigError} before anything connects. */
export function resolveOptions(key: string, o: SockudoClientOptions): ResolvedOptions {
  if (!key) throw new ConfigError('config/missing-key', __DEV__ ? '[sockudo] An app key is required.' : 'config/missing-key')
  const version = o.protocolVersion ?? 1
  if (version !== 1 && version !== 2) throw new ConfigError('config/invalid-protocol', __DEV__ ? `[sockudo] protocolVersion must be 1 or 2 (got ${String(version)}).` : 'config/invalid-protocol')
  if (version !== 2) rejectV2Only(o)
  if (o.appendRollupWindow !== undefined) assertRollupWindow(o.appendRollupWindow)
  checkDelta(o.deltaCompression)
  const wire = o.wireFormat ?? o.codec?.format ?? 'json'
  if (wire !== 'json' && o.codec?.format !== wire) {
    throw new ConfigError('config/missing-codec', __DEV__ ? `[sockudo] wireFormat '${wire}' needs the matching codec (import it from @sockudo/vue/codecs/${wire}).` : 'config/missing-codec')
  }
  const host = o.wsHost ?? (o.cluster ? `ws-${o.cluster}.sockudo.io` : undefined)
  if (!host) throw new ConfigError('config/missing-host', __DEV__ ? '[sockudo] Set `wsHost` (or `cluster`).' : 'config/missing-host')
  const tls = chooseTls(o)
  return {
    key, host, tls, version,
    port: tls ? (o.wssPort ?? 443) : (o.wsPort ?? 80),
    path: o.wsPath ?? '',
    activityTimeout: o.activityTimeout ?? 120_000,
    pongTimeout: o.pongTimeout ?? 30_000,
    unavailableTimeout: o.unavailableTimeout ?? 10_000,
    subscriptionTimeout: o.subscriptionTimeout ?? 10_000,
    backoff: { ...DEFAULT_BACKOFF, ...o.reconnect },
    raw: o,
  }
}

function rejectV2Only(o: SockudoClientOptions): void {
  if (o.token !== undefined || o.authCallback) {
    throw new ConfigError('config/token-requires-v2', __DEV__ ? '[sockudo] Capability tokens (`token`, `authCallback`) require protocolVersion: 2.' : 'config/token-requires-v2')
  }
  if (o.connectionRecovery) throw new ConfigError('config/recovery-requires-v2', __DEV__ ? '[sockudo] connectionRecovery requires protocolVersion: 2.' : 'config/recovery-requires-v2')
  if (o.deltaCompression) throw new ConfigError('config/delta-requires-v2', __DEV__ ? '[sockudo] deltaCompression requires protocolVersion: 2.' : 'config/delta-requires-v2')
  if (o.codec?.binary || (o.wireFormat && o.wireFormat !== 'json')) {
    throw new ConfigError('config/codec-requires-v2', __DEV__ ? '[sockudo] Binary wire formats require protocolVersion: 2.' : 'config/codec-requires-v2')
  }
}

function checkDelta(setting: SockudoClientOptions['deltaCompression']): void {
  const algorithms: unknown = typeof setting === 'object' && setting !== null ? setting.algorithms : undefined
  if (setting === undefined || typeof setting === 'boolean' || algorithms === undefined) return
  if (!Array.isArray(algorithms) || algorithms.length === 0 || algorithms.some((a) => a !== 'fossil' && a !== 'xdelta3')) {
    throw new ConfigError('config/invalid-delta', __DEV__ ? `[sockudo] deltaCompression.algorithms must list 'fossil' and/or 'xdelta3' (got ${JSON.stringify(algorithms)}).` : 'config/invalid-delta')
  }
}

function chooseTls(o: SockudoClientOptions): boolean {
  const wanted = o.forceTls ?? true
  const enabled = o.enabledTransports ?? ['ws', 'wss']
  if (enabled.includes(wanted ? 'wss' : 'ws')) return wanted
  if (enabled.includes(wanted ? 'ws' : 'wss')) return !wanted
  throw new ConfigError('config/no-transport', __DEV__ ? '[sockudo] enabledTransports must contain "ws" or "wss".' : 'config/no-transport')
}
