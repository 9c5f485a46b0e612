import { ProxyError } from '../errors'
import { asArray, asRecord, compact, num, serial, str } from './decode'
import { decodeBounds, decodeContinuity, decodePage, decodeStreamState } from './page'
import type { HistoryBounds, HistoryContinuity, HistoryDirection, HistoryStreamState, ProxyPage } from './page'
import { firstDefined, serialParam } from './params'
import type { SerialInput } from './params'
import { callProxy } from './request'
import type { ProxyEndpointOptions } from './request'

/** Parameters of a presence-history read (camelCase or the wire names; `start`/`end` are aliases). */
export interface PresenceHistoryParams {
  /** Paging direction. @default 'newest_first' (server) */
  direction?: HistoryDirection
  /** Page size (server cap 100). */
  limit?: number
  /** Cursor of a previous page. */
  cursor?: string
  /** Inclusive lower serial bound. */
  startSerial?: SerialInput
  /** Inclusive upper serial bound. */
  endSerial?: SerialInput
  /** Inclusive lower time bound, epoch ms. */
  startTimeMs?: number
  /** Inclusive upper time bound, epoch ms. */
  endTimeMs?: number
  /** Alias of `startTimeMs` (the explicit name wins). */
  start?: number
  /** Alias of `endTimeMs` (the explicit name wins). */
  end?: number
  /** Wire-name alias of `startSerial`. */
  start_serial?: SerialInput
  /** Wire-name alias of `endSerial`. */
  end_serial?: SerialInput
  /** Wire-name alias of `startTimeMs`. */
  start_time_ms?: number
  /** Wire-name alias of `endTimeMs`. */
  end_time_ms?: number
}

/** Parameters of a presence snapshot: the state at a serial and/or a time (both inclusive). */
export interface PresenceSnapshotParams {
  /** Upper serial bound. */
  atSerial?: SerialInput
  /** Upper time bound, epoch ms. */
  atTimeMs?: number
  /** Alias of `atTimeMs` (the explicit name wins). */
  at?: number
  /** Wire-name alias of `atSerial`. */
  at_serial?: SerialInput
  /** Wire-name alias of `atTimeMs`. */
  at_time_ms?: number
}

/** One membership transition. */
export interface PresenceHistoryItem {
  /** Stream id. */
  streamId?: string
  /** Serial (exact string). */
  serial: string
  /** When it happened, epoch ms. */
  publishedAtMs?: number
  /** `member_added`, `member_updated` or `member_removed`. */
  event: string
  /** `join`, `disconnect`, `orphan_cleanup`, `timeout` or `forced_disconnect`. */
  cause?: string
  /** The member. */
  userId: string
  /** Socket id of the connection. */
  connectionId?: string
  /** Node that died, for orphan cleanups. */
  deadNodeId?: string
  /** Stored size, bytes. */
  payloadSizeBytes?: number
  /** The stored transition payload (snake_case, includes `user_info`). */
  presenceEvent: Record<string, unknown>
}

/** A page of presence history. */
export interface PresenceHistoryPage extends ProxyPage<PresenceHistoryItem> {
  /** Bounds the page was read with. */
  bounds: HistoryBounds
  /** Retention information. */
  continuity: HistoryContinuity
  /** Durable stream state. */
  streamState: HistoryStreamState
}

/** A member in a snapshot. */
export interface PresenceSnapshotMember {
  /** User id. */
  userId: string
  /** Last transition of this member. */
  lastEvent?: string
  /** Serial of that transition (exact string). */
  lastEventSerial?: string
  /** Time of that transition, epoch ms. */
  lastEventAtMs?: number
}

/** Members of a presence channel at a point in its history. */
export interface PresenceSnapshot {
  /** Channel name. */
  channel: string
  /** Members sorted by user id. */
  members: PresenceSnapshotMember[]
  /** Number of members. */
  memberCount: number
  /** Events replayed to build it. */
  eventsReplayed: number
  /** Serial the snapshot is at. */
  snapshotSerial?: string
  /** Time the snapshot is at, epoch ms. */
  snapshotTimeMs?: number
  /** Retention information. */
  continuity: HistoryContinuity
}

/** Options of the presence-history helpers: the `presenceHistory.endpoint` plus the channel. */
export interface PresenceHistoryOptions extends ProxyEndpointOptions {
  /** Presence channel. */
  channel: string
}

/** Normalises history params to the wire names; `start`/`end` fold into the `_time_ms` names. */
export function toPresenceHistoryParams(p: PresenceHistoryParams): Record<string, unknown> {
  return compact({
    direction: p.direction,
    limit: p.limit,
    cursor: p.cursor,
    start_serial: serialParam(firstDefined(p.startSerial, p.start_serial)),
    end_serial: serialParam(firstDefined(p.endSerial, p.end_serial)),
    start_time_ms: firstDefined(p.startTimeMs, p.start_time_ms, p.start),
    end_time_ms: firstDefined(p.endTimeMs, p.end_time_ms, p.end),
  })
}

/** Normalises snapshot params; `at` folds into `at_time_ms`. */
export function toPresenceSnapshotParams(p: PresenceSnapshotParams): Record<string, unknown> {
  return compact({ at_serial: serialParam(firstDefined(p.atSerial, p.at_serial)), at_time_ms: firstDefined(p.atTimeMs, p.at_time_ms, p.at) })
}

function decodeItem(value: unknown): PresenceHistoryItem {
  const v = asRecord(value)
  return compact({
    streamId: str(v.stream_id),
    serial: serial(v.serial) ?? '',
    publishedAtMs: num(v.published_at_ms),
    event: str(v.event) ?? '',
    cause: str(v.cause),
    userId: str(v.user_id) ?? '',
    connectionId: str(v.connection_id),
    deadNodeId: str(v.dead_node_id),
    payloadSizeBytes: num(v.payload_size_bytes),
    presenceEvent: asRecord(v.presence_event),
  })
}

/** Reads presence history through the app proxy (`action: 'history'`, sockudo 5.2.0 src/http_handler/presence_history/mod.rs). */
export async function fetchPresenceHistory(params: PresenceHistoryParams, options: PresenceHistoryOptions): Promise<PresenceHistoryPage> {
  assertPresence(options.channel)
  const body = { channel: options.channel, params: toPresenceHistoryParams(params), action: 'history' }
  const raw = asRecord((await callProxy(options, { what: 'presence.history', body })).body)
  return decodePage<PresenceHistoryItem, PresenceHistoryPage>(
    raw,
    decodeItem,
    { bounds: decodeBounds(raw.bounds), continuity: decodeContinuity(raw.continuity), streamState: decodeStreamState(raw.stream_state) },
    (cursor) => fetchPresenceHistory({ ...params, cursor }, options),
  )
}

/** Reads the members at a serial or time through the app proxy (`action: 'snapshot'`). */
export async function fetchPresenceSnapshot(params: PresenceSnapshotParams, options: PresenceHistoryOptions): Promise<PresenceSnapshot> {
  assertPresence(options.channel)
  const body = { channel: options.channel, params: toPresenceSnapshotParams(params), action: 'snapshot' }
  const raw = asRecord((await callProxy(options, { what: 'presence.snapshot', body })).body)
  return compact({
    channel: str(raw.channel) ?? options.channel,
    members: asArray(raw.members).map((m) => {
      const r = asRecord(m)
      return compact({ userId: str(r.user_id) ?? '', lastEvent: str(r.last_event), lastEventSerial: serial(r.last_event_serial), lastEventAtMs: num(r.last_event_at_ms) })
    }),
    memberCount: num(raw.member_count) ?? 0,
    eventsReplayed: num(raw.events_replayed) ?? 0,
    snapshotSerial: serial(raw.snapshot_serial),
    snapshotTimeMs: num(raw.snapshot_time_ms),
    continuity: decodeContinuity(raw.continuity),
  })
}

function assertPresence(channel: string): void {
  if (!channel.startsWith('presence-')) {
    throw new ProxyError('proxy/not-presence-channel', `Presence history needs a presence- channel, got "${channel}".`, { channel })
  }
}
