/** Presence history REST (http.md §2.10): page and snapshot. */
import { channelKind, validateChannelName } from '../channel-names'
import { presenceContinuity, presenceItem, presenceStream } from '../presence-history'
import type { AppState } from '../state'
import { featureDisabled, invalidInput } from './respond'
import type { RouteRequest } from './router'

function stream(app: AppState, channel: string) {
  const problem = validateChannelName(app.config, channel)
  if (problem) throw invalidInput(problem)
  if (channelKind(channel) !== 'presence') throw invalidInput('Only presence channels support this endpoint')
  if (!app.config.presenceHistory) throw featureDisabled(`Presence history is disabled by policy for channel '${channel}'`)
  return presenceStream(app, channel)
}

export function getPresenceHistory(r: RouteRequest): unknown {
  const s = stream(r.app, r.params[0] ?? '')
  const q = r.query
  const limit = q.has('limit') ? Number(q.get('limit')) : 100
  if (!(limit > 0)) throw invalidInput('Presence history limit must be greater than 0')
  const dir = (q.get('direction') ?? 'newest_first').toLowerCase()
  const newest = ['newest_first', 'backwards', 'reverse'].includes(dir)
  if (!newest && !['oldest_first', 'forwards', 'forward'].includes(dir)) {
    throw invalidInput(`Invalid direction '${q.get('direction')}'. Accepted values: newest_first, oldest_first, backwards, forwards`)
  }
  const num = (k: string) => (q.has(k) ? Number(q.get(k)) : null)
  const bounds = { start_serial: num('start_serial'), end_serial: num('end_serial'), start_time_ms: num('start_time_ms') ?? num('start'), end_time_ms: num('end_time_ms') ?? num('end') }
  let rows = s.events.filter((e) => (bounds.start_serial === null || e.serial >= bounds.start_serial) && (bounds.end_serial === null || e.serial <= bounds.end_serial) &&
    (bounds.start_time_ms === null || e.publishedAtMs >= bounds.start_time_ms) && (bounds.end_time_ms === null || e.publishedAtMs <= bounds.end_time_ms))
  if (newest) rows = rows.reverse()
  const cursor = q.get('cursor')
  if (cursor) {
    const after = Number(Buffer.from(cursor, 'base64url').toString('utf8'))
    rows = rows.filter((e) => (newest ? e.serial < after : e.serial > after))
  }
  const capped = Math.min(limit, 100)
  const page = rows.slice(0, capped)
  const hasMore = rows.length > capped
  return {
    items: page.map((e) => presenceItem(s, e)), direction: newest ? 'newest_first' : 'oldest_first', limit: capped, has_more: hasMore,
    next_cursor: hasMore ? Buffer.from(String(page.at(-1)?.serial)).toString('base64url') : null, bounds,
    continuity: presenceContinuity(s, s.events, !hasMore),
    stream_state: { stream_id: s.streamId, durable_state: 'healthy', continuity_proven: true, reset_required: false, reason: null, node_id: null, last_transition_at_ms: null, authoritative_source: 'in_memory', observed_source: 'in_memory' },
  }
}

export function getPresenceSnapshot(r: RouteRequest): unknown {
  const channel = r.params[0] ?? ''
  const s = stream(r.app, channel)
  const atTime = r.query.get('at_time_ms') ?? r.query.get('at')
  const atSerial = r.query.get('at_serial')
  const events = s.events.filter((e) => (atTime === null || e.publishedAtMs <= Number(atTime)) && (atSerial === null || e.serial <= Number(atSerial)))
  const members = new Map<string, { user_id: string; last_event: string; last_event_serial: number; last_event_at_ms: number }>()
  for (const e of events) {
    if (e.input.event === 'member_removed') members.delete(e.input.userId)
    else members.set(e.input.userId, { user_id: e.input.userId, last_event: e.input.event, last_event_serial: e.serial, last_event_at_ms: e.publishedAtMs })
  }
  const last = events.at(-1)
  return {
    channel, members: [...members.values()].sort((a, b) => (a.user_id < b.user_id ? -1 : 1)), member_count: members.size,
    events_replayed: events.length, snapshot_serial: last?.serial ?? null, snapshot_time_ms: last?.publishedAtMs ?? null,
    continuity: (({ degraded: _d, ...rest }) => rest)(presenceContinuity(s)),
  }
}
