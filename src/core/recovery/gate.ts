import type { InboundFrame } from '../protocol/frame'

/**
 * Holds the serial-bearing frames of channels that await a resume answer.
 *
 * After a reconnect the subscribe frames go out before `resume`, and the server starts sending
 * live messages as soon as it attaches a channel; the replay of what was missed only comes once
 * it handles `resume` (sockudo-adapter 5.2.0 src/handler/recovery.rs). Delivering a live message in that window would put
 * it before older replayed ones and move the recovery position past a gap that a second drop
 * would never recover. So frames of those channels wait here until `resume_success` (or a
 * resume error) and are then released in serial order; a drop before that discards them, and
 * the next resume asks for them again.
 */
export class ResumeGate {
  private readonly waiting = new Set<string>()
  private held: InboundFrame[] = []

  /** Starts holding frames of `channels` (the ones a resume is about to be sent for). */
  open(channels: Iterable<string>): void {
    this.held = []
    this.waiting.clear()
    for (const channel of channels) this.waiting.add(channel)
  }

  /** Whether a resume answer is awaited. */
  get pending(): boolean {
    return this.waiting.size > 0
  }

  /** Keeps `frame` when its channel awaits the resume answer; true when kept. */
  hold(frame: InboundFrame): boolean {
    if (frame.serial === undefined || frame.channel === undefined || !this.waiting.has(frame.channel)) return false
    this.held.push(frame)
    return true
  }

  /** Stops holding and returns the held frames, oldest serial first. */
  release(): InboundFrame[] {
    const frames = this.held.sort((a, b) => compareSerials(a.serial!, b.serial!))
    this.held = []
    this.waiting.clear()
    return frames
  }

  /** Stops holding and forgets the held frames (the connection dropped). */
  discard(): void {
    this.held = []
    this.waiting.clear()
  }
}

/** Compares two exact decimal serials (no leading zeros) without rounding through Number. */
export function compareSerials(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length
  return a < b ? -1 : a > b ? 1 : 0
}
