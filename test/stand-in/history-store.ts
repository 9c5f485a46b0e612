/** Durable channel history queries shared by REST (http.md §2.9) and `sockudo:channel_history`. */
import type { ServerFrame } from './frame'
import { historyStreamId, type AppState, type ChannelState, type StoredMessage } from './state'
import { stringifyJson, toSerial } from './util'
import { currentState, findByMessageId, realtimeMessage, runtimeFrame } from './versioned-view'
import type { MessageVersion } from './versioned'

/** The realtime form of a stored message (rewind): the runtime frame of its latest version when it is versioned. */
export function projectLatest(app: AppState, ch: ChannelState, stored: StoredMessage): ServerFrame {
  const message = app.config.versionedMessages ? findByMessageId(app, ch.name, stored.frame.message_id) : undefined
  return message ? runtimeFrame(message, stored.frame) : stored.frame
}

export interface HistoryQuery {
  limit?: string | number
  direction?: string
  cursor?: string
  start_serial?: string | number
  end_serial?: string | number
  start_time_ms?: string | number
  end_time_ms?: string | number
}

export class HistoryQueryError extends Error {}

const DIRECTIONS: Record<string, 'newest_first' | 'oldest_first'> = {
  newest_first: 'newest_first', backwards: 'newest_first', reverse: 'newest_first',
  oldest_first: 'oldest_first', forwards: 'oldest_first', forward: 'oldest_first',
}

interface Bounds {
  start_serial: bigint | null
  end_serial: bigint | null
  start_time_ms: number | null
  end_time_ms: number | null
}

function parseBounds(q: HistoryQuery): Bounds {
  const num = (v: unknown) => (v === undefined || v === '' ? null : Number(v))
  const bounds: Bounds = {
    start_serial: q.start_serial === undefined ? null : (toSerial(q.start_serial) ?? null),
    end_serial: q.end_serial === undefined ? null : (toSerial(q.end_serial) ?? null),
    start_time_ms: num(q.start_time_ms), end_time_ms: num(q.end_time_ms),
  }
  if (bounds.start_serial !== null && bounds.end_serial !== null && bounds.start_serial > bounds.end_serial) {
    throw new HistoryQueryError('start_serial must be less than or equal to end_serial')
  }
  return bounds
}

/**
 * Runs a history page query; throws HistoryQueryError with the real 400 texts. `via` picks the
 * item form: REST says `operation_kind: "message.create"` and leaves the stream id out of
 * `message`; the socket frame says `"create"` and keeps the live stream id.
 */
export function queryHistory(app: AppState, ch: ChannelState, q: HistoryQuery, via: 'rest' | 'socket' = 'rest'): Record<string, unknown> {
  const limitLabel = 'History'
  const max = app.config.historyMaxPageSize
  const rawLimit = q.limit === undefined ? max : Number(q.limit)
  if (!Number.isFinite(rawLimit)) throw new HistoryQueryError(`Invalid ${limitLabel.toLowerCase()} limit`)
  if (rawLimit <= 0) throw new HistoryQueryError(`${limitLabel} limit must be greater than 0`)
  const limit = Math.min(rawLimit, max)
  const dirRaw = String(q.direction ?? 'newest_first').toLowerCase()
  const direction = DIRECTIONS[dirRaw]
  if (!direction) throw new HistoryQueryError(`Invalid direction '${q.direction}'. Accepted values: newest_first, oldest_first, backwards, forwards`)
  const bounds = parseBounds(q)
  let rows = ch.history.filter((m) =>
    (bounds.start_serial === null || m.historySerial >= bounds.start_serial) && (bounds.end_serial === null || m.historySerial <= bounds.end_serial) &&
    (bounds.start_time_ms === null || m.publishedAtMs >= bounds.start_time_ms) && (bounds.end_time_ms === null || m.publishedAtMs <= bounds.end_time_ms))
  if (direction === 'newest_first') rows = rows.reverse()
  if (q.cursor) {
    const after = decodeCursor(app, ch, q.cursor, direction)
    rows = rows.filter((m) => (direction === 'newest_first' ? m.historySerial < after : m.historySerial > after))
  }
  const page = rows.slice(0, limit)
  const hasMore = rows.length > limit
  const last = page.at(-1)
  return {
    items: page.map((m) => historyItem(app, ch, m, via)),
    direction, limit, has_more: hasMore,
    next_cursor: hasMore && last ? encodeCursor(app, ch, last.historySerial, direction, bounds) : null,
    bounds: { ...bounds, start_serial: bounds.start_serial, end_serial: bounds.end_serial },
    continuity: continuity(app, ch, hasMore, truncatedByRetention(ch, bounds)),
    stream_state: {
      stream_id: historyStreamId(app, ch), durable_state: 'healthy', recovery_allowed: true, reset_required: false, reason: null,
      node_id: null, last_transition_at_ms: null, authoritative_source: 'in_memory', observed_source: 'in_memory',
    },
  }
}

function historyItem(app: AppState, ch: ChannelState, m: StoredMessage, via: 'rest' | 'socket'): Record<string, unknown> {
  const message = historyMessage(app, ch, m, via)
  const action = typeof message.action === 'string' ? message.action : undefined
  return {
    stream_id: historyStreamId(app, ch), serial: m.historySerial, published_at_ms: m.publishedAtMs, message_id: m.frame.message_id,
    event_name: message.event, operation_kind: action === undefined ? 'append' : via === 'rest' ? `message.${action}` : action,
    payload_size_bytes: Buffer.byteLength(stringifyJson(message)), message,
  }
}

/** A history item's `message`: the latest version as a `VersionedRealtimeMessage`, else the stored frame. */
function historyMessage(app: AppState, ch: ChannelState, m: StoredMessage, via: 'rest' | 'socket'): Record<string, unknown> {
  const message = app.config.versionedMessages ? findByMessageId(app, ch.name, m.frame.message_id) : undefined
  if (!message) return { ...m.frame }
  const latest = message.versions.at(-1) as MessageVersion
  const out = { ...realtimeMessage(message, latest, currentState(message).data), name: currentState(message).name }
  return via === 'socket' ? { ...out, stream_id: m.frame.stream_id } : out
}

/**
 * The memory store's `truncated_by_retention`: the start bound lies before the oldest retained
 * message, or (without a start bound) the oldest retained serial is past 1.
 */
export function truncatedByRetention(ch: ChannelState, bounds: { start_serial: bigint | null; start_time_ms: number | null }): boolean {
  const oldest = ch.history[0]
  if (!oldest) return false
  if (bounds.start_serial !== null && bounds.start_serial < oldest.historySerial) return true
  if (bounds.start_time_ms !== null && bounds.start_time_ms < oldest.publishedAtMs) return true
  return bounds.start_serial === null && bounds.start_time_ms === null && oldest.historySerial > 1n
}

export function continuity(app: AppState, ch: ChannelState, hasMore = false, truncated = false): Record<string, unknown> {
  const first = ch.history[0]
  const last = ch.history.at(-1)
  return {
    stream_id: historyStreamId(app, ch), oldest_available_serial: first?.historySerial ?? null, newest_available_serial: last?.historySerial ?? null,
    oldest_available_published_at_ms: first?.publishedAtMs ?? null, newest_available_published_at_ms: last?.publishedAtMs ?? null,
    retained_messages: ch.history.length, retained_bytes: ch.history.reduce((n, m) => n + Buffer.byteLength(stringifyJson(m.frame)), 0),
    complete: !hasMore && !truncated, truncated_by_retention: truncated,
  }
}

function encodeCursor(app: AppState, ch: ChannelState, serial: bigint, direction: string, bounds: Bounds): string {
  const body = { version: 1, app_id: app.config.id, channel: ch.name, stream_id: historyStreamId(app, ch), serial, direction, bounds }
  return Buffer.from(stringifyJson(body)).toString('base64url')
}

function decodeCursor(app: AppState, ch: ChannelState, cursor: string, direction: string): bigint {
  if (cursor.length > 16 * 1024) throw new HistoryQueryError('History cursor exceeds 16 KiB')
  let body: Record<string, unknown>
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>
  } catch (error) {
    throw new HistoryQueryError(`Invalid history cursor: ${(error as Error).message}`)
  }
  if (body.version !== 1) throw new HistoryQueryError(`Unsupported history cursor version: ${String(body.version)}`)
  if (body.app_id !== app.config.id || body.channel !== ch.name || body.direction !== direction) {
    throw new HistoryQueryError('History cursor does not match the request')
  }
  if (body.stream_id !== historyStreamId(app, ch)) throw new HistoryQueryError('Expired history cursor: channel stream changed')
  return toSerial(body.serial) ?? 0n
}
