import { asRecord, compact, num, serial, str } from '../proxy/decode'
import type { MessageExtras } from '../protocol/frame'
import type { VersionedMessageAction, VersionedMessageState } from './types'

/** Version metadata of a stored message version. */
export interface MessageVersion {
  /** Version serial. */
  serial?: string
  /** Client id the version is attributed to. */
  clientId?: string
  /** Version time, epoch ms. */
  timestampMs?: number
  /** Free-text description. */
  description?: string
  /** App metadata. */
  metadata?: Record<string, unknown>
}

/** A message version as the REST API returns it (`VersionedRealtimeMessage`, camelCased; serials exact strings). */
export interface VersionedMessage {
  /** `sockudo:message.<action>`. */
  event: string
  /** Channel. */
  channel?: string
  /** Data as stored: the aggregate for latest reads, the fragment for append items of a versions list. */
  data: unknown
  /** Logical event name. */
  name?: string
  /** The action, in the realtime `message.<action>` form. */
  action: VersionedMessageAction | 'message.summary'
  /** Logical message serial. */
  messageSerial: string
  /** History serial of the original create. */
  historySerial?: string
  /** Delivery serial of this version. */
  deliverySerial?: string
  /** Extras. */
  extras?: MessageExtras
  /** Version metadata. */
  version: MessageVersion
}

/** Decodes one REST `VersionedRealtimeMessage`. */
export function decodeVersionedMessage(value: unknown): VersionedMessage {
  const v = asRecord(value)
  const version = asRecord(v.version)
  const word = str(v.action) ?? 'create'
  return compact({
    event: str(v.event) ?? `sockudo:message.${word}`,
    channel: str(v.channel),
    data: v.data ?? null,
    name: str(v.name),
    action: (word.startsWith('message.') ? word : `message.${word}`) as VersionedMessage['action'],
    messageSerial: str(v.message_serial) ?? '',
    historySerial: serial(v.history_serial),
    deliverySerial: serial(v.delivery_serial ?? v.serial),
    extras: typeof v.extras === 'object' && v.extras !== null ? (v.extras as MessageExtras) : undefined,
    version: compact({
      serial: str(version.serial),
      clientId: str(version.client_id),
      timestampMs: num(version.timestamp_ms),
      description: str(version.description),
      metadata: typeof version.metadata === 'object' && version.metadata !== null ? asRecord(version.metadata) : undefined,
    }),
  })
}

/**
 * Reducer state from a latest-version read (getMessage, or a history item's `message` when the
 * channel has versioned messages): the base to seed before applying live appends.
 */
export function versionedMessageToState<T = unknown>(message: VersionedMessage): VersionedMessageState<T> {
  const action: VersionedMessageState['action'] = message.action === 'message.summary' ? 'message.update' : message.action
  return compact({
    messageSerial: message.messageSerial,
    action,
    data: (message.data ?? null) as T | null,
    event: message.event,
    name: message.name,
    serial: message.deliverySerial,
    versionSerial: message.version.serial,
    historySerial: message.historySerial,
    versionTimestampMs: message.version.timestampMs,
    userId: message.version.clientId,
  })
}
