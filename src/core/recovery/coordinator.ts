import type { InboundFrame, OutboundFrame } from '../protocol/frame'
import type { Clock, TimerHandle } from '../util/clock'
import { ResumeGate } from './gate'
import type { RecoveryPositions } from './positions'
import { applyRecovered, buildResumeData } from './resume'

/** @internal What the coordinator needs from the client session. */
export interface RecoveryParts {
  /** The client's positions (kept by the session, which exists before this module loads). */
  positions: RecoveryPositions
  clock: Clock
  /** How long frames are held for a resume answer before they are released anyway (ms). */
  timeout: number
  /** The `resume` event name of the protocol version in use. */
  resumeEvent: string
  /** Sends one frame; false when no socket is open. */
  send(frame: OutboundFrame): boolean
  /** The id of the open socket, so a resume whose socket closed meanwhile is not sent. */
  socketId(): string | undefined
  /** Runs a released frame through the rest of the inbound pipeline. */
  deliver(frame: InboundFrame): void
}

/**
 * Error codes by which the server declines a resume (sockudo-adapter 5.2.0 src/handler/recovery.rs): 4000 malformed data,
 * 4301 recovery not enabled, 4302 no positions. Sockudo 5.2 answers every other outcome with
 * `resume_success` (plus one `resume_failed` per failed channel).
 */
const REFUSALS: ReadonlySet<number> = new Set([4000, 4301, 4302])

/**
 * @internal The resume exchange of one client (sockudo-adapter 5.2.0 src/handler/recovery.rs): after a reconnect it holds the
 * live frames of the channels it resumes (see {@link ResumeGate}), sends `resume` once every
 * subscribe went out, and releases the held frames when the server answers, refuses, or does not
 * answer within the timeout. Loaded before the first socket opens, only when recovery is on.
 */
export class RecoveryCoordinator {
  private readonly gate = new ResumeGate()
  private timer: TimerHandle | undefined

  constructor(private readonly p: RecoveryParts) {}

  /** The pipeline's hold stage: true when `frame` waits for the resume answer. */
  hold(frame: InboundFrame): boolean {
    return this.gate.hold(frame)
  }

  /**
   * The socket `socketId` connected and re-sent the subscribes of `channels` (`subscribed`
   * settles when they all went out). Resumes the ones with a position; `wanted` names the
   * channels still wanted when the resume is sent.
   */
  connected(socketId: string, channels: readonly string[], subscribed: Promise<unknown>, wanted: () => string[]): void {
    const positions = this.p.positions
    const resuming = channels.filter((channel) => positions.get(channel) !== null)
    if (!resuming.length) return
    this.gate.open(resuming)
    // Resume only after every subscribe went out: the server then gates live messages of
    // subscribed channels behind the replay (sockudo-adapter 5.2.0 src/handler/recovery.rs).
    void subscribed.then(() => {
      if (this.p.socketId() !== socketId) return
      const data = buildResumeData(positions.all(), wanted())
      if (data === undefined || !this.p.send({ event: this.p.resumeEvent, data })) return this.settled()
      this.timer = this.p.clock.setTimeout(() => this.settled(), this.p.timeout)
    })
  }

  /** `resume_success`: applies its authoritative positions (the caller then calls {@link settled}). */
  recovered(data: unknown): void {
    applyRecovered(this.p.positions, data)
  }

  /** A channel-less error frame no other request claimed: a refusal code settles a resume in flight. */
  error(code: number | undefined): void {
    if (code !== undefined && REFUSALS.has(code) && this.timer !== undefined) this.settled()
  }

  /** The resume was answered (or will not be): frames held meanwhile go through the pipeline in serial order. */
  settled(): void {
    this.cancelTimer()
    for (const frame of this.gate.release()) this.p.deliver(frame)
  }

  /** The connection dropped: held frames are forgotten (the next resume asks for them again). */
  lost(): void {
    this.cancelTimer()
    this.gate.discard()
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) this.p.clock.clearTimeout(this.timer)
    this.timer = undefined
  }
}
