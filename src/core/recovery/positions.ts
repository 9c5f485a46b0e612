import type { InboundFrame } from '../protocol/frame'
import { isRecord, serialToString } from '../util/json'

/** Where a channel's stream was last seen (v2-features.md §3.1). Serial is an exact decimal string. */
export interface RecoveryPosition {
  /** Exact decimal serial. */
  serial: string
  /** Continuity stream id. */
  streamId?: string
  /** Id of the last message. */
  lastMessageId?: string
}

/** Per-channel recovery positions. Plain data, safe to persist and restore. */
export class RecoveryPositions {
  private positions = new Map<string, RecoveryPosition>()

  /** Records the position of a frame that carries `channel` and `serial`. */
  record(frame: InboundFrame): void {
    if (frame.channel === undefined || frame.serial === undefined) return
    const position: RecoveryPosition = { serial: frame.serial }
    if (frame.streamId !== undefined) position.streamId = frame.streamId
    if (frame.messageId !== undefined) position.lastMessageId = frame.messageId
    this.positions.set(frame.channel, position)
  }

  /** A copy of the position of `channel`, or null. */
  get(channel: string): RecoveryPosition | null {
    const p = this.positions.get(channel)
    return p ? { ...p } : null
  }

  /** Sets (or with null deletes) a position. */
  set(channel: string, position: RecoveryPosition | null): void {
    if (position) this.positions.set(channel, { ...position })
    else this.positions.delete(channel)
  }

  /** Copies of every position. */
  all(): Record<string, RecoveryPosition> {
    return Object.fromEntries([...this.positions].map(([k, v]) => [k, { ...v }]))
  }

  /** Whether any position is stored. */
  get size(): number {
    return this.positions.size
  }

  /** Applies `resume_success.recovered[].position` (authoritative). */
  applyRecovered(data: unknown): void {
    const recovered = isRecord(data) && Array.isArray(data.recovered) ? data.recovered : []
    for (const entry of recovered) {
      if (!isRecord(entry) || typeof entry.channel !== 'string' || !isRecord(entry.position)) continue
      const serial = serialToString(entry.position.serial)
      if (serial === undefined) continue
      const p: RecoveryPosition = { serial }
      if (typeof entry.position.stream_id === 'string') p.streamId = entry.position.stream_id
      if (typeof entry.position.last_message_id === 'string') p.lastMessageId = entry.position.last_message_id
      this.positions.set(entry.channel, p)
    }
  }
}

/**
 * Builds the `resume` frame data: a JSON **string** whose serials are bare integer literals
 * (the server rejects string serials, v2-features.md §3.2), for the given channels.
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
