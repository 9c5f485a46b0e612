import type { InboundFrame } from '../protocol/frame'

/** Where a channel's stream was last seen (sockudo-adapter 5.2.0 src/handler/recovery.rs). Serial is an exact decimal string. */
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

  /**
   * Records the position of a frame that carries `channel` and `serial`.
   *
   * A `subscription_succeeded` only gives a starting serial, never a stream id, and never
   * replaces a known position: the real Sockudo (5.2) puts the history store's stream id on it
   * while live messages carry the replay stream's, so resuming with it fails with
   * `stream_reset`; and after a reconnect its serial is the head, past the gap to recover.
   */
  record(frame: InboundFrame): void {
    if (frame.channel === undefined || frame.serial === undefined) return
    if (frame.event.endsWith('subscription_succeeded')) {
      if (!this.positions.has(frame.channel)) this.positions.set(frame.channel, { serial: frame.serial })
      return
    }
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
}
