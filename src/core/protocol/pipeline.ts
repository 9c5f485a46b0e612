import type { InboundFrame, OutboundFrame } from './frame'

/**
 * The delta stage slot. The delta manager (src/core/delta) implements it: it stores bases
 * from full messages (`__delta_seq`), turns `delta` frames into the reconstructed full
 * frame, and returns null to drop a frame it cannot reconstruct (after asking the server
 * to resync with `send`). Frames it does not care about are returned unchanged.
 */
export interface DeltaStage {
  /** Processes one inbound frame. */
  process(frame: InboundFrame, io: { send(frame: OutboundFrame): boolean; prefix: string }): InboundFrame | null
  /** Forgets the state of one channel (unsubscribe) or of all channels (new connection). */
  reset?(channel?: string): void
  /**
   * The connection-wide `enable_delta_compression` frame. Sent on every (re)connect before any
   * subscribe: the server wipes per-subscription delta settings when it receives it
   * (sockudo-delta 5.2.0 src/manager.rs).
   */
  enableFrame?(prefix: string): OutboundFrame
}

/** Stages of the inbound pipeline, in order. */
export interface InboundStages {
  /** Returns true when the frame is held for later (recovery: awaiting the resume answer). */
  hold?(frame: InboundFrame): boolean
  /** Returns true when the frame is a duplicate (dropped). */
  isDuplicate?(frame: InboundFrame): boolean
  /** Records the recovery position of a frame. */
  record?(frame: InboundFrame): void
  /** Delta decompression. */
  delta?: DeltaStage
  /** Sends a frame (for the delta stage's resync requests). */
  send(frame: OutboundFrame): boolean
  prefix: string
  /** Routes the frame (decrypt and deliver happen in the channel). */
  route(frame: InboundFrame): void
  /** Told about every dropped frame. */
  dropped?(reason: 'duplicate' | 'delta'): void
}

/** Runs one decoded frame through hold → dedup → recovery position → delta → route. */
export function runInbound(frame: InboundFrame, stages: InboundStages): void {
  if (stages.hold?.(frame)) return
  if (stages.isDuplicate?.(frame)) return stages.dropped?.('duplicate')
  stages.record?.(frame)
  let next: InboundFrame | null = frame
  if (stages.delta) {
    next = stages.delta.process(frame, { send: stages.send, prefix: stages.prefix })
    if (next === null) return stages.dropped?.('delta')
    if (next !== frame) {
      // A reconstructed delta carries its own id/serial: dedup and record it too.
      if (stages.isDuplicate?.(next)) return stages.dropped?.('duplicate')
      stages.record?.(next)
    }
  }
  stages.route(next)
}
