/** Channel history REST (http.md §2.9): page, state, reset and purge. */
import { validateChannelName } from '../channel-names'
import { continuity, HistoryQueryError, queryHistory } from '../history-store'
import { channelState, historyStreamId, resetStreams, type AppState, type ChannelState } from '../state'
import { isRecord, stringifyJson, toSerial } from '../util'
import { featureDisabled, invalidInput } from './respond'
import type { RouteRequest } from './router'

function historyChannel(app: AppState, channel: string): ChannelState {
  const problem = validateChannelName(app.config, channel)
  if (problem) throw invalidInput(problem)
  if (!app.config.history) throw featureDisabled(`Durable history is disabled by policy for channel '${channel}'`)
  return channelState(app, channel)
}

export function getHistory(r: RouteRequest): unknown {
  const ch = historyChannel(r.app, r.params[0] ?? '')
  const q: Record<string, string | undefined> = Object.fromEntries(r.query)
  q.start_time_ms ??= q.start
  q.end_time_ms ??= q.end
  try {
    return queryHistory(r.app, ch, q)
  } catch (error) {
    if (error instanceof HistoryQueryError) throw invalidInput(error.message)
    throw error
  }
}

function streamState(app: AppState, ch: ChannelState): Record<string, unknown> {
  const c = continuity(app, ch)
  const streamId = historyStreamId(app, ch)
  return {
    stream_id: streamId, next_serial: ch.historySerial + 1n,
    retained: {
      stream_id: streamId, retained_messages: c.retained_messages, retained_bytes: c.retained_bytes,
      oldest_available_serial: c.oldest_available_serial, newest_available_serial: c.newest_available_serial,
      oldest_available_published_at_ms: c.oldest_available_published_at_ms, newest_available_published_at_ms: c.newest_available_published_at_ms,
    },
    state: { stream_id: streamId, durable_state: 'healthy', recovery_allowed: true, reset_required: false, reason: null, node_id: null, last_transition_at_ms: null, authoritative_source: 'in_memory', observed_source: 'in_memory' },
  }
}

export function getHistoryState(r: RouteRequest): unknown {
  const ch = historyChannel(r.app, r.params[0] ?? '')
  return { channel: ch.name, stream: streamState(r.app, ch) }
}

function confirm(r: RouteRequest, operation: string): Record<string, unknown> {
  const body = isRecord(r.body) ? r.body : {}
  if (body.confirm_channel !== r.params[0]) throw invalidInput('confirm_channel must exactly match the channel path')
  if (body.confirm_operation !== operation) throw invalidInput(`confirm_operation must be '${operation}'`)
  if (typeof body.reason !== 'string' || body.reason.trim() === '') throw invalidInput('reason must not be empty')
  return body
}

const bytes = (list: ChannelState['history']) => list.reduce((n, m) => n + Buffer.byteLength(stringifyJson(m.frame)), 0)

export function resetHistory(r: RouteRequest): unknown {
  const ch = historyChannel(r.app, r.params[0] ?? '')
  const body = confirm(r, 'reset')
  const previous = historyStreamId(r.app, ch)
  const purged = ch.history
  resetStreams(ch)
  return {
    ok: true, operation: 'reset', channel: ch.name, reason: body.reason, requested_by: body.requested_by ?? null,
    previous_stream_id: previous, new_stream_id: historyStreamId(r.app, ch), purged_messages: purged.length, purged_bytes: bytes(purged), stream: streamState(r.app, ch),
  }
}

export function purgeHistory(r: RouteRequest): unknown {
  const ch = historyChannel(r.app, r.params[0] ?? '')
  const body = confirm(r, 'purge')
  const mode = body.mode
  const beforeSerial = body.before_serial === undefined || body.before_serial === null ? undefined : toSerial(body.before_serial)
  const beforeTime = typeof body.before_time_ms === 'number' ? body.before_time_ms : undefined
  if (mode === 'all' && (beforeSerial !== undefined || beforeTime !== undefined)) throw invalidInput("Purge mode 'all' does not accept bounds")
  if (mode === 'before_serial' && (beforeSerial === undefined || beforeTime !== undefined)) throw invalidInput("Purge mode 'before_serial' requires before_serial only")
  if (mode === 'before_time_ms' && (beforeTime === undefined || beforeSerial !== undefined)) throw invalidInput("Purge mode 'before_time_ms' requires before_time_ms only")
  if (!['all', 'before_serial', 'before_time_ms'].includes(String(mode))) throw invalidInput(`Invalid purge mode '${String(mode)}'`)
  const drop = (m: ChannelState['history'][number]) =>
    mode === 'all' || (beforeSerial !== undefined && m.historySerial < beforeSerial) || (beforeTime !== undefined && m.publishedAtMs < beforeTime)
  const purged = ch.history.filter(drop)
  ch.history = ch.history.filter((m) => !drop(m))
  return {
    ok: true, operation: 'purge', channel: ch.name, mode, before_serial: beforeSerial ?? null, before_time_ms: beforeTime ?? null,
    reason: body.reason, requested_by: body.requested_by ?? null, purged_messages: purged.length, purged_bytes: bytes(purged), stream: streamState(r.app, ch),
  }
}
