/** `resume` (v2-features.md §3.2–3.5): hot replay buffer, cold history, failures, resume_success. */
import type { ServerContext } from '../context'
import { invalidFormat, WsError } from '../errors'
import { filterAllows } from '../filters'
import type { ClientFrame, ServerFrame } from '../frame'
import { trimReplay } from '../publish'
import type { Session } from '../session'
import { channelState, type ChannelState, type StoredMessage } from '../state'
import { isRecord, parseJsonBig, stringifyJson } from '../util'
import { projectLatest } from '../history-store'

interface Position {
  serial: bigint
  streamId?: string
  legacy: boolean
}

function parsePositions(frame: ClientFrame): Map<string, Position> {
  let data: unknown = frame.data
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
  }
  return out
}

interface Failure {
  code: string
  reason: string
}

function missedMessages(ctx: ServerContext, s: Session, ch: ChannelState, pos: Position): { source: 'hot' | 'cold'; items: StoredMessage[] } | Failure {
  trimReplay(ctx, s.app, ch)
  if (pos.streamId !== undefined && pos.streamId !== ch.streamId) return { code: 'stream_reset', reason: 'stream_id_mismatch' }
  const after = (list: StoredMessage[]) => list.filter((m) => m.serial > pos.serial)
  const covers = (list: StoredMessage[]) => pos.serial >= ch.serial || (list[0] !== undefined && list[0].serial <= pos.serial + 1n)
  let result: { source: 'hot' | 'cold'; items: StoredMessage[] } | undefined
  if (covers(ch.replay)) result = { source: 'hot', items: after(ch.replay) }
  else if (pos.legacy) return { code: 'continuity_unverifiable', reason: 'legacy_serial_only_position_cannot_use_cold_recovery' }
  else if (!s.app.config.history) return { code: 'position_expired', reason: 'hot_replay_expired_and_durable_history_disabled' }
  else if (covers(ch.history)) result = { source: 'cold', items: after(ch.history) }
  else return { code: 'position_expired', reason: 'retained_history_floor_is_ahead_of_requested_serial' }
  if (result.items.length > s.app.config.recoveryBufferSize) return { code: 'position_expired', reason: 'recovery_window_exceeded' }
  return result
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
      const oldest = (s.app.config.history ? ch.history : ch.replay)[0]?.serial ?? null
      const body = { ...outcome, expected_stream_id: pos.streamId ?? null, current_stream_id: ch.streamId, oldest_available_serial: oldest, newest_available_serial: ch.serial > 0n ? ch.serial : null }
      s.send({ event: 'pusher:resume_failed', channel: name, data: stringifyJson(body) })
      failed.push({ channel: name, ...body })
      continue
    }
    const sub = s.subscriptions.get(name)
    let replayed = 0
    for (const m of outcome.items) {
      const out: ServerFrame = projectLatest(s.app, ch, m)
      if (sub && !filterAllows(sub.filter, out, true)) continue
      s.send(out, { broadcast: true })
      replayed++
    }
    const last = outcome.items.at(-1)
    const position = last ? { stream_id: ch.streamId, serial: last.serial, last_message_id: last.frame.message_id ?? null } : null
    recovered.push({ channel: name, source: outcome.source, replayed, position })
  }
  s.send({ event: 'pusher:resume_success', data: stringifyJson({ recovered, failed }) })
}
