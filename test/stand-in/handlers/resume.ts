/** `resume` (v2-features.md §3.2–3.5, checks in the real 5.2 order): hot replay buffer, cold version store or history, failures, resume_success. */
import type { ServerContext } from '../context'
import { invalidFormat, WsError } from '../errors'
import { filterAllows } from '../filters'
import type { ClientFrame, ServerFrame } from '../frame'
import { trimReplay } from '../publish'
import type { Session } from '../session'
import { channelState, type ChannelState } from '../state'
import { isRecord, parseJsonBig, stringifyJson } from '../util'
import { versionRecords } from '../versioned-view'

interface Position {
  serial: bigint
  streamId?: string
  legacy: boolean
}

function parsePositions(frame: ClientFrame): Map<string, Position> {
  let data: unknown = frame.data
  if (data === undefined || data === null) throw invalidFormat('Missing data in resume message')
  if (typeof data === 'string') {
    try {
      data = parseJsonBig(data)
    } catch (error) {
      throw invalidFormat(`Invalid resume data JSON: ${(error as Error).message}`)
    }
  }
  if (!isRecord(data)) throw invalidFormat('Invalid resume data JSON: expected an object')
  const out = new Map<string, Position>()
  const integer = (v: unknown): bigint => {
    if (typeof v === 'bigint') return v
    if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return BigInt(v)
    throw invalidFormat('Invalid resume data JSON: serial must be an unsigned integer')
  }
  if (isRecord(data.channel_positions)) {
    for (const [ch, pos] of Object.entries(data.channel_positions)) {
      if (!isRecord(pos)) throw invalidFormat('Invalid resume data JSON: position must be an object')
      out.set(ch, { serial: integer(pos.serial), streamId: typeof pos.stream_id === 'string' ? pos.stream_id : undefined, legacy: false })
    }
  } else if (isRecord(data.channel_serials)) {
    for (const [ch, serial] of Object.entries(data.channel_serials)) out.set(ch, { serial: integer(serial), legacy: true })
  } else throw invalidFormat('Missing channel_positions or channel_serials in resume data')
  return out
}

interface Failure {
  code: string
  reason: string
  /** Stream id the failure names as current (the version stream's, or the replay buffer's). */
  current?: string | null
  oldest?: bigint | null
  newest?: bigint | null
}

type Outcome = { source: 'hot' | 'cold'; frames: ServerFrame[] } | Failure

/** Hot replay buffer lookup; `undefined` = not covered there (expired, ahead or gap): try cold. */
function hot(ch: ChannelState, pos: Position): Outcome | undefined {
  if (ch.replayStreamId === undefined) return undefined
  if (pos.streamId !== undefined && pos.streamId !== ch.replayStreamId) return { code: 'stream_reset', reason: 'stream_id_mismatch', current: ch.replayStreamId }
  if (pos.serial > ch.serial) return undefined
  if (pos.serial === ch.serial) return { source: 'hot', frames: [] }
  const first = ch.replay[0]
  if (!first || pos.serial + 1n < first.serial) return undefined
  return { source: 'hot', frames: ch.replay.filter((m) => m.serial > pos.serial).map((m) => m.frame) }
}

/** Cold recovery from the version store (versioned messages on), with the real server's checks in its order. */
function coldFromVersions(s: Session, ch: ChannelState, pos: Position): Outcome {
  const records = versionRecords(s.app, ch.name)
  const current = ch.serial > 0n ? ch.streamId : null
  const oldest = records[0]?.serial ?? null
  const newest = records.at(-1)?.serial ?? null
  const fail = (code: string, reason: string): Failure => ({ code, reason, current, oldest, newest })
  if ((pos.streamId ?? null) !== current) return fail('stream_reset', 'version_stream_id_mismatch')
  if (newest === null) return fail('continuity_unverifiable', 'version_stream_head_unavailable')
  if (pos.serial > newest) return fail('continuity_unverifiable', 'position_ahead_of_version_stream')
  if (oldest !== null && pos.serial + 1n < oldest) return fail('position_expired', 'version_replay_floor_is_ahead_of_requested_serial')
  if (newest - pos.serial > BigInt(s.app.config.recoveryBufferSize)) return fail('position_expired', 'recovery_window_exceeded')
  return { source: 'cold', frames: records.filter((r) => r.serial > pos.serial).map((r) => r.frame) }
}

/** Cold recovery from durable history (versioned messages off). */
function coldFromHistory(s: Session, ch: ChannelState, pos: Position): Outcome {
  if (!s.app.config.history) return { code: 'position_expired', reason: 'hot_replay_expired_and_durable_history_disabled' }
  if (pos.streamId !== undefined && pos.streamId !== ch.streamId) return { code: 'stream_reset', reason: 'durable_stream_id_mismatch', current: ch.streamId }
  const first = ch.history[0]
  if (pos.serial < ch.serial && (!first || first.serial > pos.serial + 1n)) return { code: 'position_expired', reason: 'retained_history_floor_is_ahead_of_requested_serial' }
  const items = ch.history.filter((m) => m.serial > pos.serial)
  if (items.length > s.app.config.recoveryBufferSize) return { code: 'position_expired', reason: 'recovery_window_exceeded' }
  return { source: 'cold', frames: items.map((m) => m.frame) }
}

function missedMessages(ctx: ServerContext, s: Session, ch: ChannelState, pos: Position): Outcome {
  trimReplay(ctx, s.app, ch)
  const fromBuffer = hot(ch, pos)
  if (fromBuffer) {
    if ('frames' in fromBuffer && fromBuffer.frames.length > s.app.config.recoveryBufferSize) return { code: 'position_expired', reason: 'recovery_window_exceeded' }
    return fromBuffer
  }
  if (pos.legacy) return { code: 'continuity_unverifiable', reason: 'legacy_serial_only_position_cannot_use_cold_recovery' }
  return s.app.config.versionedMessages && s.app.config.history ? coldFromVersions(s, ch, pos) : coldFromHistory(s, ch, pos)
}

export function handleResume(ctx: ServerContext, s: Session, frame: ClientFrame): void {
  if (!s.app.config.recovery) throw new WsError(4301, 'Connection recovery is not enabled')
  const positions = parsePositions(frame)
  if (positions.size === 0) throw new WsError(4302, 'No channel recovery positions provided')
  const recovered: unknown[] = []
  const failed: Record<string, unknown>[] = []
  for (const [name, pos] of positions) {
    const ch = channelState(s.app, name)
    const outcome = missedMessages(ctx, s, ch, pos)
    if ('code' in outcome) {
      const body = {
        code: outcome.code, reason: outcome.reason, expected_stream_id: pos.streamId ?? null, current_stream_id: outcome.current ?? null,
        oldest_available_serial: outcome.oldest ?? null, newest_available_serial: outcome.newest ?? null,
      }
      s.send({ event: 'pusher:resume_failed', channel: name, data: stringifyJson(body) })
      failed.push({ channel: name, ...body })
      continue
    }
    const sub = s.subscriptions.get(name)
    let replayed = 0
    for (const out of outcome.frames) {
      if (sub && !filterAllows(sub.filter, out, true)) continue
      s.send(out, { broadcast: true })
      replayed++
    }
    const last = outcome.frames.at(-1)
    const position = last ? { stream_id: last.stream_id ?? ch.streamId, serial: last.serial, last_message_id: last.message_id ?? null } : null
    recovered.push({ channel: name, source: outcome.source, replayed, position })
  }
  s.send({ event: 'pusher:resume_success', data: stringifyJson({ recovered, failed }) })
}
