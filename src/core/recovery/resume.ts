import { isRecord, serialToString } from '../util/json'
import type { RecoveryPosition, RecoveryPositions } from './positions'

// The resume exchange, loaded when a reconnect has positions to resume (apps without
// recovery never download it).

/** Applies `resume_success.recovered[].position` to `positions` (authoritative). */
export function applyRecovered(positions: RecoveryPositions, data: unknown): void {
  const recovered = isRecord(data) && Array.isArray(data.recovered) ? data.recovered : []
  for (const entry of recovered) {
    if (!isRecord(entry) || typeof entry.channel !== 'string' || !isRecord(entry.position)) continue
    const serial = serialToString(entry.position.serial)
    if (serial === undefined) continue
    const p: RecoveryPosition = { serial }
    if (typeof entry.position.stream_id === 'string') p.streamId = entry.position.stream_id
    if (typeof entry.position.last_message_id === 'string') p.lastMessageId = entry.position.last_message_id
    positions.set(entry.channel, p)
  }
}


/**
 * Builds the `resume` frame data: a JSON **string** whose serials are bare integer literals
 * (the server rejects string serials, sockudo-adapter 5.2.0 src/handler/recovery.rs), for the given channels.
 */
export function buildResumeData(positions: Record<string, RecoveryPosition>, channels: readonly string[]): string | undefined {
  const parts: string[] = []
  for (const channel of channels) {
    const p = positions[channel]
    if (!p || !/^\d+$/.test(p.serial)) continue
    let entry = `"serial":${p.serial}`
    if (p.streamId !== undefined) entry += `,"stream_id":${JSON.stringify(p.streamId)}`
    if (p.lastMessageId !== undefined) entry += `,"last_message_id":${JSON.stringify(p.lastMessageId)}`
    parts.push(`${JSON.stringify(channel)}:{${entry}}`)
  }
  return parts.length ? `{"channel_positions":{${parts.join(',')}}}` : undefined
}
