/** Presence history store and its REST views (http.md §2.10). */
import type { ServerContext } from './context'
import type { AppState } from './state'
import { stringifyJson } from './util'

export interface PresenceEventInput {
  event: 'member_added' | 'member_removed' | 'member_updated'
  userId: string
  info: unknown
  cause: string
  connectionId: string
  appId?: string
  channel?: string
}

export interface PresenceRecord {
  serial: number
  publishedAtMs: number
  input: PresenceEventInput
}

interface PresenceStream {
  streamId: string
  events: PresenceRecord[]
}

export function presenceStream(app: AppState, channel: string): PresenceStream {
  const key = `presence-history:${channel}`
  let stream = app.ext.get(key) as PresenceStream | undefined
  if (!stream) app.ext.set(key, (stream = { streamId: crypto.randomUUID(), events: [] }))
  return stream
}

/** Records a real membership transition when presence history is enabled. */
export function recordPresenceEvent(ctx: ServerContext, app: AppState, channel: string, input: PresenceEventInput): void {
  if (!app.config.presenceHistory) return
  const stream = presenceStream(app, channel)
  stream.events.push({ serial: (stream.events.at(-1)?.serial ?? 0) + 1, publishedAtMs: ctx.now(), input: { ...input, appId: app.config.id, channel } })
}

/** `<event>:<app>:<channel>:<user>:<socket>` (`:_` more on removals: no dead node). */
function dedupeKey(input: PresenceEventInput): string {
  const key = `${input.event}:${input.appId}:${input.channel}:${input.userId}:${input.connectionId || '_'}`
  return input.event === 'member_removed' ? `${key}:_` : key
}

/** The item shape of `GET …/presence/history`. */
export function presenceItem(stream: PresenceStream, r: PresenceRecord): Record<string, unknown> {
  const common = { published_at_ms: r.publishedAtMs, event: r.input.event, cause: r.input.cause, user_id: r.input.userId, connection_id: r.input.connectionId, dead_node_id: null }
  // The stored event (real 5.2): no stream id or serial, a dedupe key, no user_info on removals.
  const presenceEvent = { ...common, user_info: r.input.event === 'member_removed' ? null : r.input.info, dedupe_key: dedupeKey(r.input) }
  return { stream_id: stream.streamId, serial: r.serial, ...common, payload_size_bytes: Buffer.byteLength(stringifyJson(presenceEvent)), presence_event: presenceEvent }
}

export function presenceContinuity(stream: PresenceStream, events = stream.events, complete = true): Record<string, unknown> {
  const first = events[0]
  const last = events.at(-1)
  return {
    stream_id: stream.streamId, oldest_available_serial: first?.serial ?? null, newest_available_serial: last?.serial ?? null,
    oldest_available_published_at_ms: first?.publishedAtMs ?? null, newest_available_published_at_ms: last?.publishedAtMs ?? null,
    retained_events: events.length, retained_bytes: events.reduce((n, e) => n + Buffer.byteLength(stringifyJson(presenceItem(stream, e).presence_event)), 0),
    degraded: false, complete, truncated_by_retention: false,
  }
}
