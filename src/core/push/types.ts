/** Push transport of a device (`push.recipient`, tagged by `transportType`). */
export type PushRecipient =
  | { transportType: 'gcm'; registrationToken: string }
  | { transportType: 'apns'; deviceToken: string }
  | { transportType: 'web'; endpoint: string; p256dh: string; auth: string }
  | { transportType: 'hms'; registrationToken: string }
  | { transportType: 'wns'; channelUri: string }
  | { transportType: 'realtime'; channel: string }

/** A device registration (`DeviceDetails`, camelCase; sockudo-push 5.2.0 src/domain.rs). */
export interface PushDevice {
  /** Device id chosen by the app. */
  id: string
  /** User the device belongs to. */
  clientId?: string
  /** Form factor. */
  formFactor: 'phone' | 'tablet' | 'desktop' | 'tv' | 'car' | 'watch' | 'embedded' | 'other'
  /** Platform. */
  platform: 'android' | 'ios' | 'browser' | 'windows' | 'macos' | 'watchos' | 'tvos' | 'other'
  /** IANA time zone (required by the server). */
  timezone: string
  /** BCP 47 locale (required by the server). */
  locale: string
  /** Any string; the server stores a hash. */
  deviceSecret?: string
  /** App metadata. */
  metadata?: Record<string, unknown>
  /** Last activity, epoch ms. */
  lastActiveAtMs?: number
  /** Push transport and state (`state` defaults to `'ACTIVE'` when registering). */
  push: { recipient: PushRecipient; state?: 'ACTIVE' | 'FAILING' | 'FAILED'; failureCount?: number; errorReason?: string }
  [key: string]: unknown
}

/** A device's subscription to a channel's pushes. */
export interface PushChannelSubscription {
  /** Channel. */
  channel: string
  /** Device id. */
  deviceId: string
  /** User id. */
  clientId?: string
  /** Provider. */
  provider: 'fcm' | 'apns' | 'webPush' | 'hms' | 'wns' | 'realtime'
  /** Token hash from the registration answer. */
  tokenHash: string
  /** Credential version. */
  credentialVersion?: number
  [key: string]: unknown
}

/** Who receives a push; inner field names stay snake_case as the server expects. */
export type PushPublishTarget =
  | { type: 'device'; device_id: string }
  | { type: 'client'; client_id: string }
  | { type: 'channel'; channel: string }
  | { type: 'registeredTopic'; topic: string }
  | { type: 'userTopic'; topic: string }
  | { type: string; [key: string]: unknown }

/** A push publish request; `sync` is always sent as `false`. */
export interface PushPublishRequest {
  /** Idempotent publish id. */
  publishId?: string
  /** Recipients (at least one). */
  recipients: PushPublishTarget[]
  /** Notification (`templateData` instead of a `data` field). */
  payload: { templateId?: string; templateData?: Record<string, unknown>; title?: string; body?: string; icon?: string; sound?: string; collapseKey?: string }
  /** Provider-specific overrides. */
  providerOverrides?: { provider: string; payload: unknown }[]
  /** Not before, epoch ms (scheduling). */
  notBeforeMs?: number
  /** Expiry, epoch ms. */
  expiresAtMs?: number
  [key: string]: unknown
}

/** Answer of an accepted publish (202). */
export interface PushPublishAccepted {
  /** Publish id (read from `publishId`, or the documented-but-wrong `publish_id`). */
  publishId: string
  /** `accepted`, `quota_exceeded`, or the state of an idempotent replay. */
  status?: string
  /** Expected recipient count. */
  expectedRecipients?: number
  /** `fastPath` or `shardPath`. */
  fanoutRegime?: string
  /** The whole answer as sent. */
  raw: Record<string, unknown>
}

/** A list page (`{ items, next_cursor, has_more }`). */
export interface PushListPage<T> {
  /** Entries. */
  items: T[]
  /** Cursor of the next page, `null` when none. */
  nextCursor: string | null
  /** More entries exist. */
  hasMore: boolean
}

/** Paging of list calls. */
export interface PushListParams {
  /** Page size, 1–1000. @default 100 (server) */
  limit?: number
  /** Cursor of a previous page. */
  cursor?: string
}
