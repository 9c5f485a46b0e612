import type { InboundFrame } from './frame'
import type { CanonicalName, ProtocolNames } from './names'

/** Handlers of the inbound router, one per kind of frame. */
export interface InboundHandlers {
  /** `error` frame (either prefix family). */
  error(frame: InboundFrame): void
  /** `signin_success`. */
  signinSuccess(frame: InboundFrame): void
  /** Bare `online` / `offline` watchlist frames. */
  watchlist(event: 'online' | 'offline', frame: InboundFrame): void
  /** V2 `resume_success` (no channel). */
  resumeSuccess(frame: InboundFrame): void
  /** V2 `resume_failed` (channel on the envelope). */
  resumeFailed(frame: InboundFrame): void
  /** V2 `channel_history` reply. */
  channelHistory(frame: InboundFrame): void
  /** V2 `token_expired`. */
  tokenExpired(frame: InboundFrame): void
  /** V2 `auth_success`. */
  authSuccess(frame: InboundFrame): void
  /** Any other frame with a channel. */
  channel(frame: InboundFrame, canonical: CanonicalName | null): void
  /** Any other frame without a channel. */
  global(frame: InboundFrame): void
}

type SystemHandler = (h: InboundHandlers, frame: InboundFrame) => void

/**
 * System frames by canonical name. Everything else is routed by `channel`. A delta frame that
 * reaches routing was not rebuilt (delta off, or a custom stage passed it on): it is protocol
 * plumbing, never an application event, so it is dropped here.
 */
const SYSTEM: Record<string, SystemHandler> = {
  delta: () => undefined,
  delta_cache_sync: () => undefined,
  error: (h, f) => h.error(f),
  signin_success: (h, f) => h.signinSuccess(f),
  resume_success: (h, f) => h.resumeSuccess(f),
  resume_failed: (h, f) => h.resumeFailed(f),
  channel_history: (h, f) => h.channelHistory(f),
  token_expired: (h, f) => h.tokenExpired(f),
  auth_success: (h, f) => h.authSuccess(f),
}

/** Dispatches one frame (after dedup, recovery and delta) through the handler table. */
export function routeFrame(frame: InboundFrame, names: ProtocolNames, handlers: InboundHandlers): void {
  const canonical = names.canonical(frame.event)
  if (canonical && !canonical.internal) {
    const system = Object.hasOwn(SYSTEM, canonical.name) ? SYSTEM[canonical.name] : undefined
    if (system) return system(handlers, frame)
  }
  if (canonical === null && frame.channel === undefined && (frame.event === 'online' || frame.event === 'offline')) {
    return handlers.watchlist(frame.event, frame)
  }
  if (frame.channel === undefined && frame.event === 'channel_history') return handlers.channelHistory(frame)
  if (frame.channel !== undefined) return handlers.channel(frame, canonical)
  handlers.global(frame)
}
