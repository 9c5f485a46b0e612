/**
 * App configuration of the Sockudo-compatible test server.
 * Defaults follow the repository's `config/config.toml` (http.md §4.2); every flag can be
 * overridden per app so tests can see the "feature disabled" answers too.
 */

/** A channel namespace (http.md §6.3): the part before the first `:` of a logical channel name. */
export interface NamespaceConfig {
  /** Namespace name, e.g. `chat` for `chat:room-1`. */
  name: string
  /** Optional regex the logical name (type prefix removed) must match. */
  channelNamePattern?: string
  /** Allows `base#u1,u2` user-limited names. @default false */
  allowUserLimitedChannels?: boolean
  /** V2: clients may subscribe. @default true */
  allowSubscribeForClient?: boolean
  /** V2: clients may publish client events. @default true */
  allowPublishForClient?: boolean
  /** V2: clients may join presence. @default true */
  allowPresenceForClient?: boolean
  /** Delta conflation key (a top-level key of the event's JSON data). */
  deltaConflationKey?: string
}

/** One app served by the test server. */
export interface TestAppConfig {
  /** App id (HTTP API path segment). */
  id: string
  /** App key (WebSocket path, `auth_key`, auth signature prefix). */
  key: string
  /** App secret (HMAC key for every signature). */
  secret: string
  /** A disabled app drops sockets right after the upgrade. @default true */
  enabled?: boolean
  /** `enable_client_messages`. @default false */
  enableClientMessages?: boolean
  /** `enable_user_authentication` (signin). @default false */
  enableUserAuthentication?: boolean
  /** `enable_watchlist_events`. @default false */
  enableWatchlistEvents?: boolean
  /** Non-empty ⇒ Origin check (`*`/`any` allow all, `*.x.com` patterns). @default [] */
  allowedOrigins?: string[]
  /** Channel namespaces; names containing `:` need one. @default [] */
  namespaces?: NamespaceConfig[]
  /** `max_presence_members_per_channel`. @default 100 */
  maxPresenceMembersPerChannel?: number
  /** `max_presence_member_size_in_kb` on the serialized user_info. @default 2 */
  maxPresenceMemberSizeKb?: number
  /** `max_event_payload_in_kb`; unset = no limit (HTTP). */
  maxEventPayloadKb?: number
  /** `max_event_channels_at_once`. @default 100 */
  maxEventChannelsAtOnce?: number
  /** `max_event_name_length`. @default 200 */
  maxEventNameLength?: number
  /** `max_event_batch_size`; unset = no limit. */
  maxEventBatchSize?: number
  /** `max_channel_name_length`. @default 200 */
  maxChannelNameLength?: number
  /** `max_client_events_per_second` (window 1 s). @default 1000 */
  maxClientEventsPerSecond?: number
  /** Durable history (memory) for every channel. @default false */
  history?: boolean
  /** Presence history for every presence channel. @default false */
  presenceHistory?: boolean
  /** versioned messages; needs `history`. @default false */
  versionedMessages?: boolean
  /** Connection recovery (replay buffer). @default false */
  recovery?: boolean
  /** Replay buffer size per channel (messages). @default 100 */
  recoveryBufferSize?: number
  /** Replay buffer TTL (s). @default 120 */
  recoveryTtlSeconds?: number
  /** History page size cap. @default 100 */
  historyMaxPageSize?: number
  /** Delta compression available to V2 sockets. @default true */
  deltaCompression?: boolean
  /** Server-wide delta algorithm (the per-subscription preference is ignored, as on the real server). @default 'fossil' */
  deltaAlgorithm?: 'fossil' | 'xdelta3'
  /** Consecutive deltas per key before a full message. @default 10 */
  deltaFullMessageInterval?: number
  /** Omit `algorithm` in delta frames (`omit_delta_algorithm`). @default false */
  omitDeltaAlgorithm?: boolean
  /** Tag filtering (tag/expression predicates). @default false */
  tagFiltering?: boolean
  /** Deliver `tags` to V2 subscribers (`tag_filtering.enable_tags`). @default true */
  enableTags?: boolean
  /** Push REST routes (Cargo feature `push`; absent from the default real build). @default false */
  push?: boolean
  /** Idempotency for HTTP publishes. @default true */
  idempotency?: boolean
  /** Idempotency TTL (s). @default 120 */
  idempotencyTtlSeconds?: number
}

/** An app with every optional field resolved. */
export type ResolvedApp = Required<TestAppConfig>

/** The repository default app (`config/config.toml`, http.md §4.2) with watchlist events on. */
export const DEFAULT_APP: TestAppConfig = {
  id: 'app-id',
  key: 'app-key',
  secret: 'app-secret',
  enableClientMessages: true,
  enableUserAuthentication: true,
  enableWatchlistEvents: true,
  maxPresenceMembersPerChannel: 100,
  maxClientEventsPerSecond: 1000,
  namespaces: [
    { name: 'ticker', deltaConflationKey: 'item_id' },
    { name: 'price', deltaConflationKey: 'item_id' },
    { name: 'chat', allowUserLimitedChannels: true },
    { name: 'history-demo' },
    { name: 'versioned-demo' },
    { name: 'orders', channelNamePattern: '^orders(:.*)?$' },
    { name: 'private-ai', channelNamePattern: '^private-ai-.*' },
  ],
  history: true,
  presenceHistory: true,
  versionedMessages: true,
  recovery: true,
  deltaCompression: true,
  omitDeltaAlgorithm: true,
  tagFiltering: true,
  enableTags: false,
  push: true,
  idempotency: true,
  idempotencyTtlSeconds: 300,
}

/** A fixed 32-byte master key (base64) for `encryptionMasterKeyBase64` in tests. */
export const ENCRYPTION_MASTER_KEY_BASE64 = Buffer.from('sockudo-test-master-key-32bytes!').toString('base64')

/** Fills every optional field with the compiled default. */
export function resolveApp(app: TestAppConfig): ResolvedApp {
  return {
    enabled: true,
    enableClientMessages: false,
    enableUserAuthentication: false,
    enableWatchlistEvents: false,
    allowedOrigins: [],
    namespaces: [],
    maxPresenceMembersPerChannel: 100,
    maxPresenceMemberSizeKb: 2,
    maxEventPayloadKb: 0,
    maxEventChannelsAtOnce: 100,
    maxEventNameLength: 200,
    maxEventBatchSize: 0,
    maxChannelNameLength: 200,
    maxClientEventsPerSecond: 1000,
    history: false,
    presenceHistory: false,
    versionedMessages: false,
    recovery: false,
    recoveryBufferSize: 100,
    recoveryTtlSeconds: 120,
    historyMaxPageSize: 100,
    deltaCompression: true,
    deltaAlgorithm: 'fossil',
    deltaFullMessageInterval: 10,
    omitDeltaAlgorithm: false,
    tagFiltering: false,
    enableTags: true,
    push: false,
    idempotency: true,
    idempotencyTtlSeconds: 120,
    ...stripUndefined(app),
    id: app.id,
    key: app.key,
    secret: app.secret,
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}
